"""``casekit.citation``: how to cite casekit (a public alias of :mod:`casekit.package.citation`)."""

from casekit.package.citation import CITATION_YEAR, PACKAGE_CITATION, cite

__all__ = ["CITATION_YEAR", "PACKAGE_CITATION", "cite"]
