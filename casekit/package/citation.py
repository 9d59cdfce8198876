"""How to cite casekit and the sources behind a table."""

from __future__ import annotations

from pathlib import Path

from casekit._version import version
from casekit.package.case import Case
from casekit.package.load import load

PACKAGE_CITATION = (
    "casekit contributors ({year}). casekit: the 6th Central Asia–China Foreign Ministers' "
    "Meeting (Almaty, 26 April 2025) as data, charts and exercises. Version {version}. "
    "Code: MIT licence. Data and notebooks: CC-BY-4.0."
)
CITATION_YEAR = "2026"


def cite(table: str | None = None, case: Case | str | Path | None = None) -> str:
    """Return how to cite casekit and, for a table, the sources its rows rest on.

    Parameters
    ----------
    table : str, optional
        A table name. With it, the text lists every source that a row of the table
        names in its ``source_id`` (or ``population_source_id``), with publisher and address.
        Without it, every source of the package is listed.
    case : Case, str or Path, optional
        A loaded case or a case folder; by default the built-in data.

    Returns
    -------
    str
        Plain text, ready to paste into a reference list.

    Examples
    --------
    >>> import casekit
    >>> print(casekit.cite("meetings"))  # doctest: +ELLIPSIS
    casekit contributors (2026). casekit: ...
    """
    case = case if isinstance(case, Case) else load(case)
    lines = [PACKAGE_CITATION.format(year=CITATION_YEAR, version=version())]
    if "sources" not in case.table_names:
        return lines[0]
    sources = case.sources
    if table is None:
        used = set(sources["source_id"].astype(str))
        lines += ["", f"The data package rests on {len(used)} sources:"]
    else:
        frame = case.table(table)
        used = set[str]()
        for column in ("source_id", "population_source_id"):
            if column in frame.columns:
                used |= set(frame[column].dropna().astype(str))
        if table == "sources":
            used = set(sources["source_id"])
        lines += ["", f"Sources of table {table!r} ({len(used)}):"]
    chosen = sources[sources["source_id"].astype(str).isin(used)]
    for row in chosen.itertuples(index=False):
        publisher = f"{row.publisher}. " if _present(getattr(row, "publisher", None)) else ""
        url = f" {row.url}" if _present(getattr(row, "url", None)) else ""
        lines.append(f"- [{row.source_id}] {publisher}{row.title}.{url}")
    return "\n".join(lines)


def _present(value) -> bool:
    return value is not None and str(value) not in ("", "<NA>", "nan")
