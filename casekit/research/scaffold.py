"""Start a new case: an empty data package with the same schema as the built-in one.

:func:`scaffold` writes a case folder that validates clean while still empty:

- ``datapackage.json``: the built-in schema with the case's own name and title, opened
  where it lists the Almaty case's own entities (a column whose schema gives both a
  ``pattern`` and ``categories`` keeps the pattern and drops the list);
- one CSV per table with the header row only;
- the shared vocabularies filled in: ``areas`` (the coding scheme) and ``countries``
  (the six states), with the ``sources`` rows that the country rows cite;
- ``README.md``: a stub for the case's scope, coverage, sources and coders.

The researcher fills in the CSVs (a spreadsheet is fine), then runs
``casekit.validate(folder)``, ``casekit.load(folder)`` and ``casekit.combine([...])``.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import os
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit._version import version
from casekit.outputs import OutputError, check_writable, staged_outputs
from casekit.package.problems import ValidationError
from casekit.research.scaffold_texts import generic_texts

if TYPE_CHECKING:  # pragma: no cover
    from casekit.package.schema import PackageSchema

#: Tables copied in filled: vocabularies every case shares (foreign keys point at them).
#: ``lexicon`` counts only if the schema declares it as a table.
SHARED_TABLES: tuple[str, ...] = ("areas", "countries", "lexicon")

#: Rules tied to the Almaty source article (paragraphs 1 to 11) that a new case drops.
ARTICLE_PARAGRAPH_FIELDS: tuple[str, ...] = ("para", "article_para")
#: A case name: lower-case letters and digits in words joined by single hyphens.
NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

README = """# {title}

A case study in the casekit format (scaffolded with casekit {version} on {today}).
Fill in every section below before you share or cite the data.

## Scope

- **What the case covers:** (the meeting, summit or process, and why)
- **Coverage window:** (first and last date of the events included)
- **What is left out, and why:**

## Sources

List the documents and pages the rows rest on. Each gets a row in `sources.csv`
(`source_id` like `src-mfa-2025`); every factual row names its `source_id`, a
`locator` (page, paragraph or article of the source) and a `confidence`:
`verified` (stated in at least one official or reputable page), `partly` (one
secondary page, derived by arithmetic, or sources disagree on a detail) or
`unverified` (not found). Leave a cell empty when the value is not known.

## Coders

(Who coded the data, when, and how disagreements were settled.)

## Tables

The tables and columns are those of casekit's own case; `casekit codebook {folder}`
prints what each column means. `areas.csv` and `countries.csv` come filled in (with
the sources the country rows cite); add rows if your case needs them. Meeting,
format and country ids are open: any id of the documented form is allowed, as long
as the tables that refer to it can find it.

## Check and use

From the folder where `casekit scaffold` was run (the path is as it was given there):

    casekit validate {folder}          # every problem, with table, row, column and hint
    python -c "import casekit; print(casekit.load({folder_literal}))"
"""


class ScaffoldError(ValueError):
    """A case folder could not be scaffolded (bad name, folder in the way, cannot write)."""


def open_schema(descriptor: dict[str, Any], *, name: str, title: str) -> dict[str, Any]:
    """Return a copy of ``descriptor`` renamed and opened for a new case.

    Parameters
    ----------
    descriptor : dict
        A parsed ``datapackage.json`` (left unchanged).
    name, title : str
        The new package's name and title.

    Returns
    -------
    dict
        The new descriptor: same tables, columns, types, keys and shared vocabularies;
        the columns whose schema lists the Almaty case's own ids next to the ``pattern``
        every id follows (meetings, formats, countries, the claims' source) take any id
        of that form, locators are free text, and article paragraph numbers lose their
        upper bound of 11.
    """
    out = copy.deepcopy(descriptor)
    out["name"] = name
    out["title"] = title
    out["description"] = (
        f"{title}. A case in the casekit format; see README.md for its "
        "scope, coverage window, sources and coders."
    )
    out["version"] = "0.1.0"
    out["created"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out["sources"] = []
    out["contributors"] = []
    out["keywords"] = []
    out.pop("id", None)
    for resource in out["resources"]:
        for key in ("bytes", "hash"):
            resource.pop(key, None)
        generic_texts(resource, shared=resource["name"] in SHARED_TABLES)
        for spec in resource.get("schema", {}).get("fields", []):
            constraints = spec.setdefault("constraints", {})
            if "pattern" in constraints and ("categories" in spec or "enum" in constraints):
                for key in ("categories", "categoriesOrdered"):
                    spec.pop(key, None)
                constraints.pop("enum", None)
            elif spec["name"] == "locator":
                constraints.pop("pattern", None)
            elif spec["name"] in ARTICLE_PARAGRAPH_FIELDS:
                constraints.pop("maximum", None)
            if not constraints:
                del spec["constraints"]
    return out


def _check_name(name: str) -> None:
    if not isinstance(name, str) or NAME_RE.fullmatch(name) is None:
        raise ScaffoldError(
            f"{name!r} cannot name a case: use lower-case letters, digits and '-' "
            "(a '-' only between letters or digits), for example 'sco-fmm-2024'"
        )


def _check_dest(dest: Path) -> None:
    if dest.exists() and not dest.is_dir():
        raise ScaffoldError(f"{dest} exists and is a file: give a new folder for the case")
    if dest.is_dir() and any(dest.iterdir()):
        raise ScaffoldError(
            f"{dest} already exists and is not empty; scaffold never overwrites files. "
            "Give a new folder, or move the files away first."
        )


def _read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [row for row in csv.reader(handle) if row]


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _cited_sources(
    source_root: Path, descriptor: dict[str, Any], shared: list[dict[str, Any]]
) -> set[str]:
    """Return the source ids that the rows of the shared tables cite."""
    cited: set[str] = set()
    for resource in shared:
        targets = {
            fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
            for fk in resource.get("schema", {}).get("foreignKeys", [])
            if fk.get("reference", {}).get("resource") == "sources"
        }
        rows = _read_csv(source_root / resource["path"])
        if not rows:
            continue
        header = rows[0]
        for column in targets & set(header):
            index = header.index(column)
            cited |= {row[index] for row in rows[1:] if index < len(row) and row[index]}
    return cited


def scaffold(
    name: str,
    dest: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    source: str | os.PathLike[str] | None = None,
) -> Path:
    """Write an empty case folder with casekit's schema, ready to fill in.

    Parameters
    ----------
    name : str
        The case's name (lower-case letters, digits and ``-``), e.g. ``"sco-fmm-2024"``.
    dest : str or PathLike, optional
        The folder to create (it may exist if it is empty). Default: ``./<name>``.
    title : str, optional
        A human title for the case (default: derived from ``name``).
    source : str or PathLike, optional
        The case whose schema and shared vocabularies to copy (default: the data that
        ships with casekit).

    Returns
    -------
    pathlib.Path
        The new case folder. ``casekit.validate(folder).ok`` is ``True``.

    Raises
    ------
    ScaffoldError
        If the name is not usable, ``dest`` is a file or a non-empty folder (nothing is
        ever overwritten), or the folder cannot be written.
    ValidationError
        If the source case itself is broken.

    Examples
    --------
    >>> import tempfile, casekit
    >>> folder = scaffold("my-case", Path(tempfile.mkdtemp()) / "my-case")
    >>> casekit.validate(folder).ok
    True
    """
    from casekit.package.schema import read_package
    from casekit.package.validate import validate
    from casekit.resources import resolve_root

    _check_name(name)
    folder = Path(name if dest is None else dest).expanduser()
    _check_dest(folder)
    try:
        check_writable(folder)  # before any work
    except OutputError as error:
        raise ScaffoldError(str(error)) from None
    schema = read_package(resolve_root(source))
    descriptor = open_schema(
        schema.raw, name=name, title=title or name.replace("-", " ").capitalize()
    )
    try:
        with staged_outputs(folder) as stage:  # the whole case or nothing
            _write_case(stage, schema, descriptor)
            (stage / "README.md").write_text(
                _readme(name, descriptor["title"], folder), encoding="utf-8"
            )
            report = validate(stage)
            if not report.ok:  # pragma: no cover - a bug in casekit, not the user's input
                raise ValidationError(report.problems)
    except (OSError, OutputError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ScaffoldError(f"cannot write the case to {folder}: {reason}") from None
    return folder


def _write_case(stage: Path, schema: PackageSchema, descriptor: dict[str, Any]) -> None:
    """Write the descriptor and one CSV per table into ``stage``."""
    resources = {res["name"]: res for res in descriptor["resources"]}
    shared = [resources[t] for t in SHARED_TABLES if t in resources]
    cited = _cited_sources(schema.root, descriptor, shared)
    (stage / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for table in schema.tables.values():
        target = stage / table.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if table.name in SHARED_TABLES:
            _write_csv(target, _read_csv(schema.root / table.path))
        elif table.name == "sources" and cited:
            rows = _read_csv(schema.root / table.path)
            index = rows[0].index("source_id")
            _write_csv(target, [rows[0]] + [r for r in rows[1:] if r[index] in cited])
        else:
            _write_csv(target, [list(table.field_names)])


def _readme(name: str, title: str, folder: Path) -> str:
    shown = shlex.quote(str(folder))
    return README.format(
        title=title,
        name=name,
        folder=shown,
        folder_literal=repr(str(folder)),
        version=version(),
        today=dt.date.today().isoformat(),
    )
