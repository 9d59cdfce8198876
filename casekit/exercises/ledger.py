r"""The answer ledger: every submitted answer, appended as one JSON line, never rewritten.

Where: ``$CASEKIT_ANSWERS_DIR/<notebook>.answers.jsonl`` if that variable is set (for
JupyterHub, or for tests), else ``.casekit/<notebook>.answers.jsonl`` beside the notebook
(the kernel's working folder).

How an answer is written: the whole line (a JSON object plus ``\n``) goes to the file in
one ``os.write`` on a descriptor opened with ``O_APPEND``, followed by ``fsync``. Only
then is the answer acknowledged. Appends from several kernels interleave whole lines. If
the file does not end in a newline (a torn line left by a crash or another tool), the
next append starts with a newline, so a torn line never swallows a good one.

How it is read: line by line; a line that is not valid JSON, or whose ``crc`` does not
match its content, is skipped and reported with its line number. Nothing is repaired in
place: the file only grows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_VAR = "CASEKIT_ANSWERS_DIR"
FORMAT_VERSION = 1
_START = b'{"v":'


def answers_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the ledger folder: ``override``, ``$CASEKIT_ANSWERS_DIR`` or ``./.casekit``."""
    if override is not None:
        return Path(override)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return Path.cwd() / ".casekit"


def ledger_path(notebook: str, override: str | os.PathLike[str] | None = None) -> Path:
    """Return the ledger file for ``notebook`` (an id such as ``"01_almaty_meeting"``)."""
    return answers_dir(override) / f"{notebook}.answers.jsonl"


def _crc(record: dict[str, Any]) -> str:
    body = {k: v for k, v in record.items() if k != "crc"}
    data = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def now_utc() -> str:
    """Return the current UTC time as ISO 8601 with milliseconds."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class LedgerProblem:
    """A line of the ledger that was skipped, and why."""

    line: int
    offset: int
    reason: str
    excerpt: str

    def __str__(self) -> str:
        return f"line {self.line} (byte {self.offset}): {self.reason}: {self.excerpt!r}"


@dataclass
class LedgerContents:
    """Every readable record, in file order, plus the problems met on the way."""

    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[LedgerProblem] = field(default_factory=list)

    def latest(self) -> dict[str, dict[str, Any]]:
        """Return the last record for each question id."""
        out: dict[str, dict[str, Any]] = {}
        for record in self.records:
            out[record["question"]] = record
        return out

    def attempts(self) -> dict[str, int]:
        """Return how many answers each question has on record."""
        out: dict[str, int] = {}
        for record in self.records:
            out[record["question"]] = out.get(record["question"], 0) + 1
        return out


def _parse(chunk: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(chunk.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("question"), str):
        return None
    if record.get("crc") != _crc(record):
        return None
    return record


class Ledger:
    """An append-only JSON Lines file of answers.

    Parameters
    ----------
    path : str or Path
        The ledger file; its folder is created on the first append.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._offset = 0
        self._line = 0
        self._cache = LedgerContents()
        self._identity: tuple[int, int] | None = None

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        """Write ``record`` durably and return it as stored (with ``v``, ``saved_at``, ``crc``).

        Raises
        ------
        OSError
            If the folder cannot be created or the line cannot be written in full; the
            answer is then not acknowledged.
        """
        stored: dict[str, Any] = {"v": FORMAT_VERSION}
        stored.update({k: v for k, v in record.items() if k not in {"v", "crc"}})
        stored.setdefault("saved_at", now_utc())
        stored["crc"] = _crc(stored)
        line = json.dumps(stored, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
        new_dir = not self.path.parent.exists()
        if new_dir:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(f"short write to {self.path}: {written} of {len(line)} bytes")
            os.fsync(fd)
        finally:
            os.close(fd)
        if new_dir:
            _fsync_dir(self.path.parent)
        return stored

    def read(self) -> LedgerContents:
        """Return every readable record and the skipped lines (reads only what is new)."""
        try:
            stat = self.path.stat()
        except (FileNotFoundError, NotADirectoryError):
            self._reset()
            return LedgerContents()
        except OSError as exc:
            problem = LedgerProblem(0, 0, f"cannot read the answer file: {exc.strerror or exc}", "")
            return LedgerContents([], [problem])
        identity = (stat.st_ino, stat.st_dev)
        if identity != self._identity or stat.st_size < self._offset:
            self._reset()
            self._identity = identity
        if stat.st_size > self._offset:
            try:
                with open(self.path, "rb") as handle:
                    handle.seek(self._offset)
                    data = handle.read()
            except OSError as exc:
                problem = LedgerProblem(
                    0, 0, f"cannot read the answer file: {exc.strerror or exc}", ""
                )
                return LedgerContents(list(self._cache.records), [*self._cache.problems, problem])
            end = data.rfind(b"\n") + 1  # only complete lines; a torn tail waits
            self._consume(data[:end], self._offset)
            self._offset += end
        contents = LedgerContents(list(self._cache.records), list(self._cache.problems))
        if stat.st_size > self._offset:
            with open(self.path, "rb") as handle:
                handle.seek(self._offset)
                tail = handle.read(stat.st_size - self._offset)
            record = _parse(tail)
            if record is not None:
                contents.records.append(record)
            else:
                contents.problems.append(
                    LedgerProblem(
                        self._line + 1, self._offset, "incomplete last line", _excerpt(tail)
                    )
                )
        return contents

    def _reset(self) -> None:
        self._offset = 0
        self._line = 0
        self._cache = LedgerContents()
        self._identity = None

    def _consume(self, data: bytes, base: int) -> None:
        position = 0
        for chunk in data.split(b"\n")[:-1]:
            self._line += 1
            offset = base + position
            position += len(chunk) + 1
            if not chunk.strip():
                continue
            record = _parse(chunk)
            if record is not None:
                self._cache.records.append(record)
                continue
            # A torn fragment may sit in front of a whole record written by another tool.
            recovered = None
            start = chunk.find(_START, 1)
            while start != -1 and recovered is None:
                recovered = _parse(chunk[start:])
                if recovered is None:
                    start = chunk.find(_START, start + 1)
            reason = "not a valid JSON record" if recovered is None else "torn text before a record"
            self._cache.problems.append(LedgerProblem(self._line, offset, reason, _excerpt(chunk)))
            if recovered is not None:
                self._cache.records.append(recovered)


def _excerpt(chunk: bytes) -> str:
    text = chunk[:60].decode("utf-8", errors="replace")
    return text + ("…" if len(chunk) > 60 else "")


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
