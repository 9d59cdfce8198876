"""``casekit.codebook``: what each column means (a public alias of :mod:`casekit.package.codebook`).

``import casekit`` loads this module before it binds the name ``casekit.codebook`` to the
function, so importing the module later never hides the function.
"""

from casekit.package.codebook import CODEBOOK_FILE, codebook, codebook_markdown

__all__ = ["CODEBOOK_FILE", "codebook", "codebook_markdown"]
