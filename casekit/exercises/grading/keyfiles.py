"""The instructor's key files: ``<notebook>.keys.json``, read only from where the user points."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.exercises.base import Question
from casekit.exercises.keys import fingerprint
from casekit.exercises.kinds import question_from_spec

#: Key files larger than this are refused unread.
MAX_KEY_BYTES = 10_000_000
SYMLINK_REASON = "a symbolic link (not followed): casekit reads only regular files"


@dataclass(frozen=True)
class KeySet:
    """One notebook's questions with their plain keys (from ``<notebook>.keys.json``)."""

    notebook: str
    fingerprint: str
    questions: dict[str, Question]
    source: Path


def find_key_files(paths: list[str | Path]) -> list[Path]:
    """Return the key files named, or found directly inside the folders named.

    Only regular files count: a symbolic link in a keys folder is refused, not followed.

    Raises
    ------
    ValueError
        If a path does not exist, a file named is not a regular file, or nothing is found.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists() and not p.is_symlink():
            raise ValueError(f"{p}: does not exist")
        if p.is_dir():
            for entry in sorted(p.glob("*.keys.json")):
                if entry.is_symlink():
                    raise ValueError(f"key file {entry}: {SYMLINK_REASON}")
                if entry.is_file():
                    files.append(entry)
        elif p.is_symlink() or not p.is_file():
            raise ValueError(f"key file {p}: not a regular file")
        else:
            files.append(p)
    if not files:
        raise ValueError(f"no *.keys.json files found in {[str(p) for p in paths]}")
    return files


def _read_json(path: Path) -> Any:
    size = path.stat().st_size
    if size > MAX_KEY_BYTES:
        raise ValueError(f"{size:,} bytes; the limit is {MAX_KEY_BYTES:,}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise ValueError("not valid JSON (nested too deeply)") from None


def keyset_from_document(doc: Any, source: Path) -> KeySet:
    """Rebuild one notebook's :class:`KeySet` from a key document.

    Raises
    ------
    ValueError
        If the document is not a key document or its fingerprint does not match.
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("questions"), list):
        raise ValueError("not a casekit key document (no list of questions)")
    if not isinstance(doc.get("notebook"), str):
        raise ValueError("not a casekit key document (no notebook id)")
    questions = {q.id: q for q in map(question_from_spec, doc["questions"])}
    fp = fingerprint([q.spec(include_key=False) for q in questions.values()])
    if fp != doc.get("questions_fingerprint"):
        raise ValueError("its fingerprint does not match its questions")
    return KeySet(doc["notebook"], fp, questions, source)


def load_keys(paths: list[str | Path]) -> dict[str, KeySet]:
    """Load ``*.keys.json`` files (or every one in the given folders).

    A key bundle (``"format": "casekit-keys-bundle"``, written for a notebook with several
    exercise sets) gives one key set per set.

    Raises
    ------
    ValueError
        If no key file is found or one cannot be read; the message names the file.
    """
    keys: dict[str, KeySet] = {}
    for path in find_key_files(paths):
        try:
            doc = _read_json(path)
            bundle = isinstance(doc, dict) and doc.get("format") == "casekit-keys-bundle"
            documents = doc.get("sets") if bundle else [doc]
            if not isinstance(documents, list):
                raise ValueError("a key bundle needs a list of sets")
            for document in documents:
                keyset = keyset_from_document(document, path)
                keys[keyset.notebook] = keyset
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise ValueError(f"key file {path}: {reason}") from None
    return keys
