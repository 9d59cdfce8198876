"""Texts to code: read a UTF-8 file and split it into paragraphs at blank lines.

The text coded by default is ``data/texts/almaty-article-summary.txt``, a
paragraph-by-paragraph summary of the source article written in casekit's own words (one
paragraph per article paragraph, 1 to 11).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Union

from casekit.package.paths import PathRefusedError, check_named_file, is_remote
from casekit.package.problems import Problem, ValidationError
from casekit.resources import demo_text_path

TextSource = Union[str, "os.PathLike[str]", Sequence[str], None]


def default_text_path() -> Path:
    """Return the path of the demonstration text (a summary of the source article)."""
    return demo_text_path()


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
    if path is None:
        file = demo_text_path()
    elif is_remote(os.fspath(path)):
        raise _text_problem(
            Path(os.fspath(path)),
            "resource-path",
            f"{os.fspath(path)} is a remote address; casekit never fetches files",
            "download the text and give its local path",
        )
    else:
        file = Path(path).expanduser()
    if file.is_dir():
        raise _text_problem(
            file,
            "missing-file",
            f"{file} is a folder, not a text file",
            "give the path of a .txt file",
        )
    try:
        check_named_file(file, what="text")
    except PathRefusedError as refused:
        raise _text_problem(
            file, "resource-path", str(refused), "give a plain-text file in the folder you name"
        ) from None
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


def as_paragraphs(text: TextSource) -> list[str]:
    """Return the paragraphs of a text given as a string, a list, a file path or ``None``.

    Parameters
    ----------
    text : str, PathLike, list of str or None
        A text (paragraphs separated by blank lines), a list of paragraphs, a file path
        as a ``pathlib.Path``, or ``None`` for casekit's summary of the source article.

    Returns
    -------
    list of str
        The paragraphs.

    Raises
    ------
    ValueError
        If the text is empty or a string that looks like a file name.
    TypeError
        If ``text`` is none of the above.
    """
    if text is None or isinstance(text, os.PathLike):
        return read_paragraphs(text)
    if isinstance(text, str):
        stripped = text.strip()
        if not stripped:
            raise ValueError("the text is empty: there is nothing to code")
        if "\n" not in stripped and re.search(r"\.(txt|md|text)$", stripped, re.I):
            raise ValueError(
                f"{stripped!r} looks like a file name, not a text; to read a file pass "
                f"pathlib.Path({stripped!r}) or use casekit.text.read_paragraphs({stripped!r})"
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
