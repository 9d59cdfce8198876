"""Turning what a student typed or computed into a canonical form before comparing.

- :func:`normalise_text` folds case, accents, typographic quotes and dashes, punctuation
  and spacing, so ``"  Xi’an "`` and ``"XIAN"`` compare equal.
- :func:`parse_number` reads ``"1,500"``, ``"20.3 million"`` (with ``units``), ``"−4"`` and
  ``"1 500"`` and explains what it could not read.
- :func:`to_jsonable` turns pandas, numpy and Python values into plain JSON data, so the
  same comparison works live in a notebook and later on a submitted file.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u02bb": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
}
_APOSTROPHES = re.compile(r"'")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) (?=\S)")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", kept)


def normalise_text(value: object, *, drop_articles: bool = True) -> str:
    """Return the canonical form of a short text answer.

    Folds Unicode compatibility forms, case and accents; treats typographic apostrophes
    like ASCII ones and drops them (``Xi'an`` → ``xian``); turns any other run of
    punctuation or whitespace into one space; optionally drops a leading English article.

    Parameters
    ----------
    value : object
        The answer; anything but a string is converted with ``str``.
    drop_articles : bool
        Drop a leading "the", "a" or "an".

    Returns
    -------
    str
        Lower-case words separated by single spaces, no leading or trailing space.
    """
    text = value if isinstance(value, str) else str(value)
    for old, new in _QUOTES.items():
        text = text.replace(old, new)
    # Fold until stable: NFKC, casefold and mark-stripping can each undo another's work.
    for _ in range(4):
        previous = text
        text = _strip_marks(unicodedata.normalize("NFKC", text).casefold())
        if text == previous:
            break
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = _SPACES.sub(" ", text).strip()
    while drop_articles and _LEADING_ARTICLE.match(text):
        text = _LEADING_ARTICLE.sub("", text, count=1)
    return text


def levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Return the edit distance between ``a`` and ``b`` (stopping early past ``limit``)."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    if limit is not None and len(a) - len(b) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class AnswerError(ValueError):
    """An answer that cannot be read (not a wrong answer: an unreadable one)."""


_MINUS = {"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"}
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def parse_number(value: object, units: tuple[str, ...] = ()) -> float:
    """Read a number from what a student gave.

    Parameters
    ----------
    value : object
        An ``int`` or ``float`` (or numpy scalar), or a string such as ``"1,500"``,
        ``"1 500"``, ``"20.3"``, ``"20,3"``, ``"−4"`` or ``"12%"``.
    units : tuple of str
        Unit words allowed after the number (e.g. ``("million", "m")``); they are removed.

    Returns
    -------
    float

    Raises
    ------
    AnswerError
        If the value is not a number; the message says what was read.
    """
    if isinstance(value, bool):
        raise AnswerError("a number is needed, not True/False")
    if isinstance(value, (int, float)):
        return float(value)
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return parse_number(value.item(), units)  # numpy scalar
        except (TypeError, ValueError) as exc:
            raise AnswerError(f"could not read {value!r} as a number") from exc
    if not isinstance(value, str):
        raise AnswerError(f"a number is needed, got {type(value).__name__}")
    text = _number_text(value, units)
    if not text:
        raise AnswerError("the answer is empty")
    try:
        number = float(text)
    except ValueError:
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise AnswerError(f"could not read {shown!r} as a number") from None
    return number


def _number_text(value: str, units: tuple[str, ...]) -> str:
    """Return ``value`` with unit, percent sign and digit grouping removed, ready for float()."""
    text = unicodedata.normalize("NFKC", value).strip()
    for old, new in _MINUS.items():
        text = text.replace(old, new)
    lowered = text.casefold()
    for unit in sorted(units, key=len, reverse=True):
        unit_folded = unit.casefold()
        if unit_folded and lowered.endswith(unit_folded):
            text = text[: len(text) - len(unit)].strip()
            break
    text = text.rstrip("%").strip()
    text = re.sub(r"(?<=\d)[\s_'](?=\d{3}\b)", "", text)
    if _GROUPED.match(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    return text


def _key(value: Any) -> str:
    return value if isinstance(value, str) else str(to_jsonable(value))


def to_jsonable(value: Any, *, _depth: int = 0) -> Any:
    """Convert ``value`` to plain JSON data (dicts, lists, str, int, float, bool, None).

    pandas Series become ``{label: value}`` dicts, DataFrames become
    ``{"columns": [...], "index": [...], "data": [[...]]}``, numpy scalars and arrays
    become numbers and lists, NaN becomes ``None``. Anything else is refused.

    Raises
    ------
    AnswerError
        For values that have no JSON form (functions, open files, very deep nesting).
    """
    if _depth > 20:
        raise AnswerError("the value is nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dict):
        return {_key(k): to_jsonable(v, _depth=_depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v, _depth=_depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_jsonable(v, _depth=_depth + 1) for v in value), key=repr)
    return _library_value(value, _depth)


_NOTHING = object()


def _pandas_value(value: Any, depth: int) -> Any:
    name = type(value).__name__
    if name == "DataFrame":
        return {
            "columns": [_key(c) for c in value.columns],
            "index": [to_jsonable(i, _depth=depth + 1) for i in value.index],
            "data": [
                [to_jsonable(v, _depth=depth + 2) for v in row]
                for row in value.itertuples(index=False, name=None)
            ],
        }
    if name == "Series":
        return {_key(k): to_jsonable(v, _depth=depth + 1) for k, v in value.items()}
    if name in {"Timestamp", "Period"}:
        return str(value)
    if name == "NAType":
        return None
    return _NOTHING


def _library_value(value: Any, depth: int) -> Any:
    """Convert pandas, numpy and date values (anything else is refused)."""
    module = type(value).__module__ or ""
    if module.startswith("pandas"):
        converted = _pandas_value(value, depth)
        if converted is not _NOTHING:
            return converted
    if module.startswith("numpy") and hasattr(value, "tolist"):
        return to_jsonable(value.tolist(), _depth=depth + 1)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise AnswerError(f"cannot record a value of type {type(value).__name__}")
