"""Code any text with casekit's coding scheme: a lexicon of cooperation areas and their terms.

The coding scheme is a plain CSV file with two columns, ``area_id`` and ``term`` (one
term per row), that a researcher can open in a spreadsheet and edit. The lexicon that
ships with casekit is ``data/lexicon.csv``; the text coded by default is
``data/texts/almaty-article-summary.txt``, a paragraph-by-paragraph summary of the source
article written in casekit's own words (one paragraph per article paragraph, 1 to 11).

How a term matches:

- whole words only (``oil`` does not match ``turmoil``); a term may hold several words
  (``artificial intelligence``) or a hyphen (``low-carbon``);
- a final ``*`` matches any word ending (``railway*`` matches ``railways``);
- case is ignored, except for terms written in capitals, which are acronyms and match
  only in capitals (``AI`` and ``IT`` do not match "ai" or "it");
- within one area, the longest term wins where two overlap, so each place in the
  text counts once per area. A word can count for two areas if both list it.

Paragraphs are separated by blank lines. Nothing here imports altair except
:func:`themes_chart`, which imports it when called.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Union

import numpy as np
import pandas as pd

from casekit.problems import Problem, ValidationError
from casekit.schema import Field, PackageSchema, TableSchema
from casekit.theme import AREA_ORDER
from casekit.validate import _closest, check_package

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

#: The nine cooperation areas, used when the built-in ``areas`` table cannot be read.
DEFAULT_AREAS: tuple[str, ...] = AREA_ORDER
LEXICON_FILE = "lexicon.csv"
DEMO_TEXT = Path("texts") / "almaty-article-summary.txt"
TERM_PATTERN = r"[^*\s]([^*]*[^*\s])?\*?"

TextSource = Union[str, "os.PathLike[str]", Sequence[str], None]
LexiconSource = Union["Lexicon", str, "os.PathLike[str]", Mapping[str, Iterable[str]], None]


def _data_root() -> Path:
    from casekit.data import builtin_root

    return builtin_root()


def builtin_areas() -> tuple[str, ...]:
    """Return the area ids of the built-in ``areas`` table, in ``sort_order``.

    Returns
    -------
    tuple of str
        The ids; :data:`DEFAULT_AREAS` if the table cannot be read.
    """
    import csv

    try:
        with open(_data_root() / "areas.csv", newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        ordered = sorted(rows, key=lambda row: int(row["sort_order"]))
        return tuple(row["area_id"] for row in ordered) or DEFAULT_AREAS
    except (OSError, KeyError, ValueError):
        return DEFAULT_AREAS


def _known(areas: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(a) for a in (builtin_areas() if areas is None else areas)))


def default_lexicon_path() -> Path:
    """Return the path of the lexicon that ships with casekit (``data/lexicon.csv``)."""
    return _data_root() / LEXICON_FILE


def default_text_path() -> Path:
    """Return the path of the demonstration text (a summary of the source article)."""
    return _data_root() / DEMO_TEXT


# --------------------------------------------------------------------------- lexicon


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
        self._patterns.update({area: _area_pattern(terms) for area, terms in self.terms.items()})
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


def _area_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """Compile one pattern for all terms of an area; a named group per term."""
    ordered = sorted(enumerate(terms), key=lambda item: (-len(item[1].rstrip("*")), item[0]))
    groups = "|".join(f"(?P<t{i}>{_term_regex(term)})" for i, term in ordered)
    return re.compile(rf"(?<!\w)(?:{groups})(?!\w)")


def _lexicon_schema(path: Path, areas: Sequence[str]) -> PackageSchema:
    table = TableSchema(
        name="lexicon",
        path=path.name,
        title="Lexicon",
        description="Coding scheme: cooperation area and a term that signals it.",
        fields=(
            Field(name="area_id", required=True, enum=tuple(areas)),
            Field(name="term", required=True, pattern=TERM_PATTERN),
        ),
        primary_key=("area_id", "term"),
    )
    return PackageSchema(
        root=path.parent,
        name="lexicon",
        title="Lexicon",
        version="",
        description="",
        licenses=(),
        tables={"lexicon": table},
    )


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
    >>> from casekit.text import load_lexicon
    >>> lexicon = load_lexicon()
    >>> lexicon.areas[:2]
    ('transport_logistics', 'energy')
    """
    file = default_lexicon_path() if path is None else Path(path).expanduser()
    known = _known(areas)
    if file.is_dir():
        file = file / LEXICON_FILE
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
    if problems:
        raise ValidationError(problems)
    if not rows:
        raise ValidationError(
            [
                Problem(
                    table="lexicon",
                    row=None,
                    column=None,
                    rule="empty-file",
                    message=f"the lexicon {file.name} has a header but no terms",
                    hint="add one row per term: area_id,term",
                    path=str(file),
                )
            ]
        )
    return _build(rows, known, str(file))


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
                        hint=f"allowed: {', '.join(known)}{_closest(str(area), known)}",
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
    if problems:
        raise ValidationError(problems)
    if not rows:
        raise ValidationError(
            [
                Problem(
                    table="lexicon",
                    row=None,
                    column=None,
                    rule="empty-file",
                    message="the lexicon has no terms",
                    hint="give at least one area with one term",
                )
            ]
        )
    return _build(rows, known, "")


def _as_lexicon(lexicon: LexiconSource) -> Lexicon:
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, Mapping):
        return lexicon_from_mapping(lexicon)
    return load_lexicon(lexicon)


# --------------------------------------------------------------------------- texts


def split_paragraphs(text: str) -> list[str]:
    r"""Split ``text`` into paragraphs at blank lines; lines inside a paragraph are joined.

    Parameters
    ----------
    text : str
        Any text; Windows and old Mac line ends are accepted.

    Returns
    -------
    list of str
        The non-empty paragraphs, whitespace collapsed to single spaces.

    Examples
    --------
    >>> split_paragraphs("One line\nand more.\n\n\nTwo.")
    ['One line and more.', 'Two.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n[ \t\f\v]*\n", text)
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _text_problem(
    path: Path, rule: str, message: str, hint: str, row: int | None = None
) -> ValidationError:
    return ValidationError(
        [
            Problem(
                table="text",
                row=row,
                column=None,
                rule=rule,
                message=message,
                hint=hint,
                path=str(path),
            )
        ]
    )


def read_paragraphs(path: str | os.PathLike[str] | None = None) -> list[str]:
    """Read a UTF-8 text file and return its paragraphs (separated by blank lines).

    Parameters
    ----------
    path : str or PathLike, optional
        A plain-text file. By default, casekit's summary of the source article
        (11 paragraphs, one per article paragraph).

    Returns
    -------
    list of str
        The paragraphs, in order; paragraph ``i`` of the list is paragraph ``i + 1``
        of the text.

    Raises
    ------
    ValidationError
        If the file is missing, is a folder, cannot be read, is not UTF-8 (the line of
        the first bad byte is named) or holds no text.

    Examples
    --------
    >>> len(read_paragraphs())
    11
    """
    file = default_text_path() if path is None else Path(path).expanduser()
    if file.is_dir():
        raise _text_problem(
            file,
            "missing-file",
            f"{file} is a folder, not a text file",
            "give the path of a .txt file",
        )
    if not file.is_file():
        raise _text_problem(
            file,
            "missing-file",
            f"no text file at {file}",
            f"check the path (relative paths start from the current folder: {Path.cwd()})",
        )
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise _text_problem(
            file,
            "unreadable",
            f"cannot read {file}: {exc.strerror}",
            "check the file's permissions",
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _text_problem(
            file,
            "encoding",
            f"{file.name} is not UTF-8: byte {data[exc.start]:#04x} at line {line}",
            "re-save the file as UTF-8 (e.g. in an editor: Save as, encoding UTF-8)",
        ) from None
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise _text_problem(
            file,
            "empty-file",
            f"{file.name} holds no text",
            "put the text in the file, paragraphs separated by blank lines",
        )
    return paragraphs


def _as_paragraphs(text: TextSource) -> list[str]:
    if text is None or isinstance(text, os.PathLike):
        return read_paragraphs(text)
    if isinstance(text, str):
        stripped = text.strip()
        if not stripped:
            raise ValueError("the text is empty: there is nothing to code")
        if "\n" not in stripped and re.search(r"\.(txt|md|text)$", stripped, re.I):
            raise ValueError(
                f"{stripped!r} looks like a file name, not a text; to read a file pass "
                f"pathlib.Path({stripped!r}) or use casekit.read_paragraphs({stripped!r})"
            )
        return split_paragraphs(text)
    if isinstance(text, Sequence):
        paragraphs = [str(p) for p in text]
        if not any(p.strip() for p in paragraphs):
            raise ValueError("the list of paragraphs is empty: there is nothing to code")
        return paragraphs
    raise TypeError(
        f"expected a text (str), a list of paragraphs or a file path, got {type(text).__name__}"
    )


# --------------------------------------------------------------------------- coding


def theme_counts(
    text: TextSource = None, lexicon: LexiconSource = None, *, wide: bool = False
) -> pd.DataFrame:
    """Count, paragraph by paragraph, how often each area's terms occur in a text.

    Parameters
    ----------
    text : str, PathLike, list of str or None
        A text (paragraphs separated by blank lines), a list of paragraphs, or a file
        path as a ``pathlib.Path``. By default, casekit's summary of the source article.
    lexicon : Lexicon, str, PathLike, mapping or None
        The coding scheme: a :class:`Lexicon`, a lexicon CSV file, or a mapping of area
        to terms. By default, the lexicon that ships with casekit.
    wide : bool
        If ``True``, return one row per paragraph and one column per area instead.

    Returns
    -------
    pandas.DataFrame
        Long form (default): one row per paragraph and area, with columns ``para``
        (1-based), ``area_id`` (ordered categorical), ``count`` (matches) and
        ``terms`` (the lexicon terms found, ``;``-separated, most frequent first).
        Every area appears for every paragraph, with 0 where nothing matched.

    Examples
    --------
    >>> counts = theme_counts(["Rail and road links.", "Energy, and more energy."])
    >>> found = counts[counts["count"] > 0]
    >>> list(zip(found["para"], found["area_id"], found["count"]))
    [(1, 'transport_logistics', 2), (2, 'energy', 2)]
    """
    paragraphs = _as_paragraphs(text)
    scheme = _as_lexicon(lexicon)
    areas = list(scheme.areas)
    counts: list[int] = []
    found_terms: list[str] = []
    for paragraph in paragraphs:
        matches = scheme.matches(paragraph)
        for area in areas:
            hits = matches[area]
            if not hits:
                counts.append(0)
                found_terms.append("")
                continue
            terms = scheme.terms[area]
            found = Counter(terms[int(match.lastgroup[1:])] for match in hits)
            ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
            counts.append(len(hits))
            found_terms.append("; ".join(term for term, _ in ranked))
    size = len(paragraphs)
    frame = pd.DataFrame(
        {
            "para": np.repeat(np.arange(1, size + 1, dtype="int64"), len(areas)),
            "area_id": pd.Categorical.from_codes(
                np.tile(np.arange(len(areas)), size), categories=areas, ordered=True
            ),
            "count": np.asarray(counts, dtype="int64"),
            "terms": pd.array(found_terms, dtype="string"),
        }
    )
    if wide:
        table = frame.pivot(index="para", columns="area_id", values="count")
        table.columns = [str(c) for c in table.columns]
        return table.reset_index()
    return frame


def kwic(
    text: TextSource = None,
    term: str | None = None,
    *,
    area: str | None = None,
    lexicon: LexiconSource = None,
    width: int = 40,
) -> pd.DataFrame:
    """Keyword in context: every place a term (or any term of an area) occurs.

    Parameters
    ----------
    text : str, PathLike, list of str or None
        As for :func:`theme_counts`; by default casekit's summary of the source article.
    term : str, optional
        A term written as in the lexicon (``railway*``, ``AI``, ``soft power``).
    area : str, optional
        An area id: every term the lexicon lists for it. Give ``term`` or ``area``.
    lexicon : Lexicon, str, PathLike, mapping or None
        Used with ``area``; by default the lexicon that ships with casekit.
    width : int
        How many characters of context to show on each side.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence: ``para``, ``area_id`` (empty for a free term),
        ``term`` (the lexicon term), ``left``, ``keyword`` (as written in the text),
        ``right``.

    Raises
    ------
    ValueError
        If neither or both of ``term`` and ``area`` are given, or ``term`` is malformed.
    KeyError
        If ``area`` is not in the lexicon.

    Examples
    --------
    >>> hits = kwic("New railways and one railway.", "railway*", width=10)
    >>> hits[["left", "keyword", "right"]].values.tolist()
    [['New', 'railways', 'and one'], ['and one', 'railway', '.']]
    """
    if (term is None) == (area is None):
        raise ValueError("give either term= (a word or phrase) or area= (an area id)")
    paragraphs = _as_paragraphs(text)
    if term is not None:
        if re.fullmatch(TERM_PATTERN, term) is None:
            raise ValueError(
                f"{term!r} is not a usable term: a word or phrase, '*' only at the end"
            )
        pattern, terms, area_id = _area_pattern([term]), (term,), None
    else:
        scheme = _as_lexicon(lexicon)
        pattern, terms, area_id = scheme.pattern(area), scheme.terms[area], area
    rows = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for match in pattern.finditer(paragraph):
            start, end = match.span()
            rows.append(
                {
                    "para": number,
                    "area_id": area_id,
                    "term": terms[int(match.lastgroup[1:])],
                    "left": _context(paragraph, start - width, start),
                    "keyword": match.group(0),
                    "right": _context(paragraph, end, end + width),
                }
            )
    columns = ["para", "area_id", "term", "left", "keyword", "right"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["para"] = frame["para"].astype("int64")
    for column in columns[1:]:
        frame[column] = frame[column].astype("string")
    return frame


def _context(paragraph: str, start: int, end: int) -> str:
    """Return ``paragraph[start:end]`` without the word cut at its outer edge."""
    start = max(0, start)
    piece = paragraph[start:end]
    if 0 < start < len(paragraph) and (paragraph[start - 1] + paragraph[start]).isalnum():
        piece = piece.split(" ", 1)[1] if " " in piece else ""
    if 0 < end < len(paragraph) and (paragraph[end - 1] + paragraph[end]).isalnum():
        piece = piece.rsplit(" ", 1)[0] if " " in piece else ""
    return piece.strip()


# --------------------------------------------------------------------------- chart


def themes_chart(
    counts: pd.DataFrame,
    *,
    title: str = "Themes across the text, paragraph by paragraph",
    width: int = 560,
) -> alt.LayerChart:
    """Draw a heatmap of theme counts: paragraphs across, cooperation areas down.

    Each cell is shaded by the number of matches and also shows the number, so the
    chart reads without colour. Areas keep casekit's order and labels.

    Parameters
    ----------
    counts : pandas.DataFrame
        The long output of :func:`theme_counts` (columns ``para``, ``area_id``,
        ``count``; ``terms`` is shown in the tooltip when present).
    title : str
        Chart title.
    width : int
        Width of the drawing in pixels.

    Returns
    -------
    altair.LayerChart
        The chart; ``casekit.describe(chart)`` gives its text description.

    Raises
    ------
    ValueError
        If ``counts`` lacks a column or has no rows (a ``ChartDataError``).
    """
    from casekit import theme
    from casekit.charts._base import altair, finish, require, text_column

    alt = altair()
    require(counts, ["para", "area_id", "count"], chart="themes_chart", table="theme_counts")
    areas = [
        str(a)
        for a in (
            counts["area_id"].cat.categories
            if isinstance(counts["area_id"].dtype, pd.CategoricalDtype)
            else pd.unique(counts["area_id"].astype(str))
        )
    ]
    data = pd.DataFrame(
        {
            "para": counts["para"].astype(int).tolist(),
            "area": [theme.area_label(a) for a in text_column(counts["area_id"])],
            "count": counts["count"].astype(int).tolist(),
            "terms": text_column(counts["terms"]).fillna("").tolist()
            if "terms" in counts.columns
            else [""] * len(counts),
        }
    )
    order = [theme.area_label(a) for a in areas]
    paragraphs = sorted(set(data["para"]))
    x = alt.X("para:O", title="Paragraph", sort=paragraphs, axis=alt.Axis(labelAngle=0))
    y = alt.Y("area:N", title=None, sort=order)
    base = alt.Chart(data).encode(x=x, y=y)
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("count:Q", title="Matches", scale=alt.Scale(scheme="greys")),
        tooltip=[
            alt.Tooltip("para:O", title="Paragraph"),
            alt.Tooltip("area:N", title="Area"),
            alt.Tooltip("count:Q", title="Matches"),
            alt.Tooltip("terms:N", title="Terms"),
        ],
    )
    top = max(int(data["count"].max()), 1)
    labels = (
        base.mark_text(fontSize=11)
        .encode(
            text=alt.Text("count:Q"),
            color=alt.condition(f"datum.count > {top / 2}", alt.value("white"), alt.value("black")),
        )
        .transform_filter("datum.count > 0")
    )
    totals = data.groupby("area", sort=False)["count"].sum()
    totals = totals[totals > 0].sort_values(ascending=False)
    busiest = data.groupby("para")["count"].sum()
    if totals.empty:
        summary = f"No term of the lexicon occurs in the {len(paragraphs)} paragraphs."
    else:
        lead = ", ".join(f"{name} ({n})" for name, n in totals.head(3).items())
        summary = (
            f"Matches of {len(order)} areas' terms in {len(paragraphs)} paragraphs; "
            f"most frequent: {lead}. Paragraph {int(busiest.idxmax())} has the most "
            f"matches ({int(busiest.max())})."
        )
    chart = (cells + labels).properties(title=title, width=width, height=max(22 * len(order), 60))
    return finish(chart, summary)
