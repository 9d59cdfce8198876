"""Code a text with the lexicon: theme counts per paragraph, and keywords in context.

Nothing here imports altair; :func:`casekit.charts.themes_chart` draws the counts.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from casekit.research.lexicon import (
    TERM_PATTERN,
    LexiconSource,
    area_pattern,
    as_lexicon,
    term_index,
)
from casekit.research.texts import TextSource, as_paragraphs


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
    paragraphs = as_paragraphs(text)
    scheme = as_lexicon(lexicon)
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
            found = Counter(terms[term_index(match)] for match in hits)
            ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
            counts.append(len(hits))
            found_terms.append("; ".join(term for term, _ in ranked))
    size = len(paragraphs)
    frame = pd.DataFrame(
        {
            "para": np.repeat(np.arange(1, size + 1, dtype="int64"), len(areas)),
            "area_id": pd.Categorical.from_codes(
                np.tile(np.arange(len(areas)), size), categories=pd.Index(areas), ordered=True
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
    paragraphs = as_paragraphs(text)
    pattern: re.Pattern[str]
    terms: tuple[str, ...]
    area_id: str | None
    if term is not None:
        if re.fullmatch(TERM_PATTERN, term) is None:
            raise ValueError(
                f"{term!r} is not a usable term: a word or phrase, '*' only at the end"
            )
        pattern, terms, area_id = area_pattern([term]), (term,), None
    else:
        assert area is not None  # one of term and area is given (checked above)
        scheme = as_lexicon(lexicon)
        pattern, terms, area_id = scheme.pattern(area), scheme.terms[area], area
    rows = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for match in pattern.finditer(paragraph):
            start, end = match.span()
            rows.append(
                {
                    "para": number,
                    "area_id": area_id,
                    "term": terms[term_index(match)],
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
