"""The coding scheme: a lexicon of cooperation areas and the terms that signal each.

The lexicon is a plain CSV file with two columns, ``area_id`` and ``term`` (one term per
row), that a researcher can open in a spreadsheet and edit; the one that ships with
casekit is ``data/lexicon.csv``. How a term matches:

- whole words only (``oil`` does not match ``turmoil``); a term may hold several words
  (``artificial intelligence``) or a hyphen (``low-carbon``);
- a final ``*`` matches any word ending (``railway*`` matches ``railways``);
- case is ignored, except for terms written in capitals, which are acronyms and match
  only in capitals (``AI`` and ``IT`` do not match "ai" or "it");
- within one area, the longest term wins where two overlap, so each place in the
  text counts once per area. A word can count for two areas if both list it.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Union

import pandas as pd

from casekit.package.paths import PathRefusedError, case_file_problem, check_named_file, is_remote
from casekit.package.problems import Problem, ValidationError
from casekit.package.rules import did_you_mean
from casekit.package.schema import PackageSchema
from casekit.package.validate import check_package
from casekit.package.vocabulary import builtin_rows, builtin_schema, builtin_values
from casekit.resources import LEXICON_FILE, lexicon_path

#: The nine cooperation areas as the schema lists them (``areas.area_id``), used when
#: the built-in ``areas`` table cannot be read.
DEFAULT_AREAS: tuple[str, ...] = builtin_values("areas", "area_id")
#: The table of the built-in data package that describes a lexicon file.
LEXICON_TABLE = "lexicon"
#: What a term may look like (the schema's pattern for ``lexicon.term``).
TERM_PATTERN: str = builtin_schema().table(LEXICON_TABLE).field("term").pattern or ""

LexiconSource = Union["Lexicon", str, "os.PathLike[str]", Mapping[str, Iterable[str]], None]


def builtin_areas() -> tuple[str, ...]:
    """Return the area ids of the built-in ``areas`` table, in ``sort_order``.

    Returns
    -------
    tuple of str
        The ids; :data:`DEFAULT_AREAS` if the table cannot be read.
    """
    try:
        ordered = sorted(builtin_rows("areas"), key=lambda row: int(row["sort_order"]))
        return tuple(row["area_id"] for row in ordered) or DEFAULT_AREAS
    except (OSError, KeyError, ValueError):
        return DEFAULT_AREAS


def _known(areas: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(a) for a in (builtin_areas() if areas is None else areas)))


def default_lexicon_path() -> Path:
    """Return the path of the lexicon that ships with casekit (``data/lexicon.csv``)."""
    return lexicon_path()


@dataclass(frozen=True)
class Lexicon:
    """A coding scheme: for each cooperation area, the terms that signal it.

    Attributes
    ----------
    terms : dict of str to tuple of str
        Area id to its terms, areas in the order of the known areas.
    path : str
        Where the lexicon was read from (empty if built in code).
    """

    terms: dict[str, tuple[str, ...]]
    path: str = ""
    _patterns: dict[str, re.Pattern[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _index: _FirstWords = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._patterns.update({area: area_pattern(terms) for area, terms in self.terms.items()})
        object.__setattr__(self, "_index", _FirstWords(self.terms))

    def matches(self, paragraph: str) -> dict[str, list[re.Match[str]]]:
        """Return, for each area, the matches of its terms in ``paragraph``, in order.

        The same as ``lexicon.pattern(area).finditer(paragraph)`` for every area, but
        the patterns are tried only where a word that can begin a term starts, which
        is many times faster on long texts.
        """
        found: dict[str, list[re.Match[str]]] = {area: [] for area in self.terms}
        for area in self._index.scan_all:
            found[area] = list(self._patterns[area].finditer(paragraph))
        ends = dict.fromkeys(self.terms, 0)
        known, areas_for, patterns = self._index.cache.get, self._index.areas_for, self._patterns
        for word in WORD.finditer(paragraph):
            text = word.group()
            areas = known(text)
            if areas is None:
                areas = areas_for(text)
            if not areas:
                continue
            start = word.start()
            for area in areas:
                if start >= ends[area]:
                    match = patterns[area].match(paragraph, start)
                    if match is not None:
                        found[area].append(match)
                        ends[area] = match.end()
        return found

    @property
    def areas(self) -> tuple[str, ...]:
        """The areas that have at least one term, in order."""
        return tuple(self.terms)

    def pattern(self, area: str) -> re.Pattern[str]:
        """Return the compiled pattern that finds the terms of ``area``."""
        try:
            return self._patterns[area]
        except KeyError:
            raise KeyError(
                f"the lexicon has no area {area!r}; its areas are: {', '.join(self.terms)}"
            ) from None

    def to_frame(self) -> pd.DataFrame:
        """Return the lexicon as a DataFrame with columns ``area_id`` and ``term``."""
        rows = [(area, term) for area, terms in self.terms.items() for term in terms]
        return pd.DataFrame(rows, columns=["area_id", "term"])

    def __len__(self) -> int:
        return sum(len(terms) for terms in self.terms.values())

    def __repr__(self) -> str:
        return f"<Lexicon {len(self)} terms in {len(self.terms)} areas>"


WORD = re.compile(r"\w+")


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class _FirstWords:
    """Which areas have a term that can begin with a given word (a fast pre-filter)."""

    def __init__(self, terms: Mapping[str, Iterable[str]]):
        self.exact: dict[str, set[str]] = {}  # lower-cased first word -> areas
        self.exact_case: dict[str, set[str]] = {}  # acronyms: first word as written
        self.stems: dict[str, set[str]] = {}  # lower-cased stem of a one-word wildcard
        self.scan_all: set[str] = set()  # areas with a term not starting with a letter
        for area, area_terms in terms.items():
            for term in area_terms:
                first = WORD.match(term)
                if first is None:
                    self.scan_all.add(area)
                    continue
                word = first.group()
                if term.endswith("*") and first.end() == len(term) - 1:
                    self.stems.setdefault(word.lower(), set()).add(area)
                elif _is_acronym(term):
                    self.exact_case.setdefault(word, set()).add(area)
                else:
                    self.exact.setdefault(word.lower(), set()).add(area)
        lengths = [len(stem) for stem in self.stems] or [1]
        self.shortest, self.longest = min(lengths), max(lengths)
        self.cache: dict[str, tuple[str, ...]] = {}

    def areas_for(self, word: str) -> tuple[str, ...]:
        """Return the areas (not scanned in full) whose terms may start with ``word``."""
        lower = word.lower()
        areas = set(self.exact.get(lower, ())) | self.exact_case.get(word, set())
        for size in range(self.shortest, min(self.longest, len(lower)) + 1):
            areas |= self.stems.get(lower[:size], set())
        result = tuple(sorted(areas - self.scan_all))
        if len(self.cache) < 200_000:
            self.cache[word] = result
        return result


def term_index(match: re.Match[str]) -> int:
    """Return which term of an :func:`area_pattern` matched (its group is ``t<i>``).

    Parameters
    ----------
    match : re.Match
        A match of a pattern built by :func:`area_pattern`.

    Returns
    -------
    int
        The position of the matched term in the list the pattern was built from.
    """
    group = match.lastgroup
    if group is None:
        raise ValueError("not a match of a lexicon pattern: no term group matched")
    return int(group[1:])


def _term_regex(term: str) -> str:
    """Translate one lexicon term into a regular expression (without word boundaries)."""
    wildcard = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"\s+".join(re.escape(word) for word in words)
    if wildcard:
        body += r"\w*"
    if _is_acronym(term):
        return body  # an acronym: case matters
    return f"(?i:{body})"


def area_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """Compile one pattern for all terms of an area; a named group per term.

    Parameters
    ----------
    terms : iterable of str
        Lexicon terms (``railway*``, ``AI``, ``soft power``).

    Returns
    -------
    re.Pattern
        Group ``t<i>`` matches term ``i``; the longest term wins where two overlap.
    """
    ordered = sorted(enumerate(terms), key=lambda item: (-len(item[1].rstrip("*")), item[0]))
    groups = "|".join(f"(?P<t{i}>{_term_regex(term)})" for i, term in ordered)
    return re.compile(rf"(?<!\w)(?:{groups})(?!\w)")


def _lexicon_schema(path: Path, areas: Sequence[str]) -> PackageSchema:
    """Return the built-in schema's ``lexicon`` table, reading ``path``, allowing ``areas``."""
    builtin = builtin_schema()
    table = builtin.table(LEXICON_TABLE)
    fields = tuple(
        replace(spec, enum=tuple(areas), ordered=False, labels=())
        if spec.name == "area_id"
        else spec
        for spec in table.fields
    )
    lexicon = replace(table, path=path.name, fields=fields, foreign_keys=())
    return replace(builtin, root=path.parent, tables={LEXICON_TABLE: lexicon})


def _term_hint(problem: Problem) -> Problem:
    if problem.rule != "pattern":
        return problem
    return dataclasses.replace(
        problem,
        message=problem.message.split(" does not match")[0] + " is not a usable term",
        hint="write a word or phrase without leading or trailing spaces; '*' is allowed "
        "only at the end (e.g. railway*)",
    )


def _case_duplicates(rows: list[tuple[str, str, int]], path: str) -> list[Problem]:
    """Flag terms listed twice for one area that differ only in upper/lower case."""
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    problems = []
    for area, term, row in rows:
        key = (area, term if term.isupper() else term.lower())
        if key in seen and seen[key][1] != term:  # exact repeats are duplicate-key already
            problems.append(
                Problem(
                    table="lexicon",
                    row=row,
                    column="term",
                    rule="duplicate-key",
                    message=f"{term!r} repeats the term {seen[key][1]!r} of {area!r} "
                    f"(row {seen[key][0]}) apart from upper/lower case",
                    hint="terms ignore case unless written in capitals: keep one",
                    path=path,
                )
            )
        seen.setdefault(key, (row, term))
    return problems


def _lexicon_file(path: str | os.PathLike[str] | None) -> Path:
    """Return the lexicon file ``path`` names, refusing places casekit does not read.

    A file is read where the user named it (a symlink may not lead out of its folder); a
    folder means its ``lexicon.csv``, which must stay inside that folder.
    """
    if path is None:
        return default_lexicon_path()
    try:
        folder = None if is_remote(os.fspath(path)) else Path(path).expanduser()
        if folder is not None and folder.is_dir():
            reason = case_file_problem(folder, LEXICON_FILE)
            if reason is not None:
                raise PathRefusedError(f"{folder}: {reason}")
            return folder / LEXICON_FILE
        return check_named_file(path, what="lexicon")
    except PathRefusedError as refused:
        raise ValidationError(
            [
                Problem(
                    table="lexicon",
                    row=None,
                    column=None,
                    rule="resource-path",
                    message=str(refused),
                    hint="give a local CSV file with the header area_id,term",
                    path=os.fspath(path),
                )
            ]
        ) from None


def load_lexicon(
    path: str | os.PathLike[str] | None = None, *, areas: Iterable[str] | None = None
) -> Lexicon:
    """Read a lexicon CSV (columns ``area_id`` and ``term``) and check it.

    Parameters
    ----------
    path : str or PathLike, optional
        The CSV file. By default, the lexicon that ships with casekit.
    areas : iterable of str, optional
        The area ids the lexicon may use, in the order results should follow. By
        default the cooperation areas of casekit's ``areas`` table, in its
        ``sort_order``; pass
        ``case.areas["area_id"]`` for a case that adds its own areas.

    Returns
    -------
    Lexicon
        The terms of each area that has any, in the order of ``areas``.

    Raises
    ------
    ValidationError
        If the file is missing, empty, not UTF-8 or not a valid CSV, lacks a column, or
        has an empty cell, an unknown area, a malformed or a repeated term. Every
        problem is listed with its row and a hint.

    Examples
    --------
    >>> from casekit.research.lexicon import load_lexicon
    >>> lexicon = load_lexicon()
    >>> lexicon.areas[:2]
    ('transport_logistics', 'energy')
    """
    file = _lexicon_file(path)
    known = _known(areas)
    if not file.is_file():
        raise ValidationError(
            [
                Problem(
                    table="lexicon",
                    row=None,
                    column=None,
                    rule="missing-file",
                    message=f"no lexicon file at {file}",
                    hint="give a CSV file with the header area_id,term (see data/lexicon.csv)",
                    path=str(file),
                )
            ]
        )
    raws, problems = check_package(_lexicon_schema(file, known))
    problems = [_term_hint(p) for p in problems]
    raw = raws.get("lexicon")
    rows: list[tuple[str, str, int]] = []
    if raw is not None and {"area_id", "term"} <= set(raw.columns):
        rows = [
            (a, t, line - 1)
            for a, t, line in zip(raw.columns["area_id"], raw.columns["term"], raw.lines)
        ]
    problems += _case_duplicates(rows, str(file))
    _raise_if_unusable(
        problems,
        rows,
        message=f"the lexicon {file.name} has a header but no terms",
        hint="add one row per term: area_id,term",
        path=str(file),
    )
    return _build(rows, known, str(file))


def _raise_if_unusable(
    problems: list[Problem],
    rows: list[tuple[str, str, int]],
    *,
    message: str,
    hint: str,
    path: str = "",
) -> None:
    """Raise the problems found, or an ``empty-file`` problem when there are no terms."""
    if problems:
        raise ValidationError(problems)
    if not rows:
        empty = Problem(
            table="lexicon",
            row=None,
            column=None,
            rule="empty-file",
            message=message,
            hint=hint,
            path=path,
        )
        raise ValidationError([empty])


def _build(rows: Iterable[tuple[str, str, int]], known: Sequence[str], path: str) -> Lexicon:
    grouped: dict[str, list[str]] = {area: [] for area in known}
    for area, term, _ in rows:
        grouped[area].append(term)
    return Lexicon({a: tuple(t) for a, t in grouped.items() if t}, path=path)


def lexicon_from_mapping(
    mapping: Mapping[str, Iterable[str]], *, areas: Iterable[str] | None = None
) -> Lexicon:
    """Build a lexicon in code, with the same checks as :func:`load_lexicon`.

    Parameters
    ----------
    mapping : mapping of str to iterable of str
        Area id to its terms, e.g. ``{"energy": ["energy", "pipeline*"]}``.
    areas : iterable of str, optional
        The allowed area ids (default: those of casekit's ``areas`` table).

    Returns
    -------
    Lexicon
        The checked lexicon.

    Raises
    ------
    ValidationError
        If an area is unknown or a term is empty, malformed or repeated.
    """
    known = _known(areas)
    pattern = re.compile(TERM_PATTERN)
    problems: list[Problem] = []
    rows: list[tuple[str, str, int]] = []
    row = 0
    for area, terms in mapping.items():
        for term in [terms] if isinstance(terms, str) else terms:
            row += 1
            if area not in known:
                problems.append(
                    Problem(
                        table="lexicon",
                        row=row,
                        column="area_id",
                        rule="allowed-values",
                        message=f"{area!r} is not a known area",
                        hint=f"allowed: {', '.join(known)}{did_you_mean(str(area), known)}",
                    )
                )
            elif not isinstance(term, str) or pattern.fullmatch(term) is None:
                problems.append(
                    Problem(
                        table="lexicon",
                        row=row,
                        column="term",
                        rule="pattern",
                        message=f"{term!r} is not a usable term",
                        hint="a word or phrase without outer spaces; '*' only at the end",
                    )
                )
            elif any((area, term) == (a, t) for a, t, _ in rows):
                problems.append(
                    Problem(
                        table="lexicon",
                        row=row,
                        column="term",
                        rule="duplicate-key",
                        message=f"{term!r} is listed twice for {area!r}",
                        hint="keep one",
                    )
                )
            else:
                rows.append((area, term, row))
    problems += _case_duplicates(rows, "")
    _raise_if_unusable(
        problems,
        rows,
        message="the lexicon has no terms",
        hint="give at least one area with one term",
    )
    return _build(rows, known, "")


def as_lexicon(lexicon: LexiconSource) -> Lexicon:
    """Return ``lexicon`` as a :class:`Lexicon`: built in code, read from a file or as given.

    Parameters
    ----------
    lexicon : Lexicon, str, PathLike, mapping or None
        A lexicon, a lexicon CSV file, a mapping of area to terms, or ``None`` for the
        lexicon that ships with casekit.

    Returns
    -------
    Lexicon
        The checked lexicon.
    """
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, Mapping):
        return lexicon_from_mapping(lexicon)
    return load_lexicon(lexicon)
