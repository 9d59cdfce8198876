"""The class's answer store: one SQLite file, WAL mode, append-only answer events.

Every answer a kernel sends is one *event* with an id the kernel chose (its session and
the ledger line's checksum). ``(user, event_id)`` is unique, so a resent event is ignored
and counted as a duplicate, never stored twice. Nothing is updated or deleted: the
latest answer to a question is the event with the highest sequence number, and an
instructor's mark on a reflection is appended the same way.

A commit is acknowledged only after SQLite has written and synced it (``synchronous=FULL``):
an answer the service acknowledged survives the service being killed, or the machine
losing power. Writes go through one connection (the service calls them from a writer
thread, so a sync never holds up its event loop); reads use another and never wait for a
write.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.classroom.events import EVENT_FIELDS
from casekit.exercises.ledger import now_utc

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    event_id TEXT NOT NULL,
    notebook TEXT NOT NULL,
    question TEXT NOT NULL,
    kind TEXT NOT NULL,
    answer TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL,
    attempt INTEGER,
    session TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (user, event_id)
);
CREATE INDEX IF NOT EXISTS events_by_question ON events (notebook, question, user);
CREATE TABLE IF NOT EXISTS marks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    notebook TEXT NOT NULL,
    question TEXT NOT NULL,
    mark TEXT NOT NULL,
    note TEXT NOT NULL,
    marked_by TEXT NOT NULL,
    marked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS refusals (
    reason TEXT PRIMARY KEY,
    count INTEGER NOT NULL
);
"""


@dataclass(frozen=True)
class StoredAnswer:
    """One answer event as stored."""

    seq: int
    user: str
    event_id: str
    notebook: str
    question: str
    kind: str
    answer: Any
    status: str
    score: float | None
    attempt: int | None
    session: str
    saved_at: str
    received_at: str


@dataclass(frozen=True)
class Mark:
    """An instructor's latest mark on one reflection."""

    user: str
    notebook: str
    question: str
    mark: str
    note: str
    marked_by: str
    marked_at: str


class Store:
    """The SQLite store of one class.

    Parameters
    ----------
    path : str or Path
        The database file; its folder is created if needed.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(SCHEMA)
        # readers have a connection of their own: in WAL mode they never wait for a commit
        self._read_lock = threading.Lock()
        self._reader = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._reader.execute("PRAGMA busy_timeout=5000")

    def close(self) -> None:
        """Close the database."""
        with self._lock, self._read_lock:
            self._reader.close()
            self._db.close()

    # -- writing ---------------------------------------------------------------------------
    def add_events(self, user: str, events: Iterable[dict[str, Any]]) -> tuple[list[str], int]:
        """Store ``events`` for ``user`` in one transaction.

        Parameters
        ----------
        user : str
            Whom the hub says sent them (never a name from the request).
        events : iterable of dict
            Checked events (see :func:`casekit.classroom.events.parse_batch`), each with an
            ``id``.

        Returns
        -------
        (list of str, int)
            The ids now in the store (new or already there) and how many were new.
        """
        return self.add_groups([(user, list(events))])[0]

    def add_groups(
        self, groups: list[tuple[str, list[dict[str, Any]]]]
    ) -> list[tuple[list[str], int]]:
        """Store several users' events in one transaction (one sync for all of them).

        Returns
        -------
        list of (list of str, int)
            For each group, as :meth:`add_events` returns.
        """
        received = now_utc()
        sql = (
            "INSERT OR IGNORE INTO events (user, event_id, "
            + ", ".join(EVENT_FIELDS)
            + ", received_at) VALUES (?, ?, "
            + ", ".join("?" for _ in EVENT_FIELDS)
            + ", ?)"
        )
        results = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for user, events in groups:
                    ids, new = [], 0
                    for event in events:
                        values = [
                            json.dumps(event[f], ensure_ascii=False) if f == "answer" else event[f]
                            for f in EVENT_FIELDS
                        ]
                        new += self._db.execute(
                            sql, [user, event["id"], *values, received]
                        ).rowcount
                        ids.append(event["id"])
                    results.append((ids, new))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return results

    def add_mark(
        self, user: str, notebook: str, question: str, mark: str, note: str, marked_by: str
    ) -> Mark:
        """Append an instructor's mark on ``user``'s answer to a reflection question."""
        row = Mark(user, notebook, question, mark, note, marked_by, now_utc())
        with self._lock:
            self._db.execute(
                "INSERT INTO marks (user, notebook, question, mark, note, marked_by, marked_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    row.user,
                    row.notebook,
                    row.question,
                    row.mark,
                    row.note,
                    row.marked_by,
                    row.marked_at,
                ],
            )
        return row

    def count_refusal(self, reason: str) -> None:
        """Count one refused request under ``reason`` (e.g. ``"oversized"``)."""
        with self._lock:
            self._db.execute(
                "INSERT INTO refusals (reason, count) VALUES (?, 1) "
                "ON CONFLICT(reason) DO UPDATE SET count = count + 1",
                [reason],
            )

    # -- reading ---------------------------------------------------------------------------
    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._read_lock:
            return self._reader.execute(sql, list(params)).fetchall()

    def refusals(self) -> dict[str, int]:
        """Return how many requests were refused, by reason."""
        return dict(self._rows("SELECT reason, count FROM refusals ORDER BY reason"))

    def count_events(self) -> int:
        """Return how many answer events the store holds."""
        return int(self._rows("SELECT COUNT(*) FROM events")[0][0])

    def last_seq(self) -> int:
        """Return the highest sequence number of events and marks (changes when either does)."""
        row = self._rows(
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM events), "
            "(SELECT COALESCE(MAX(seq), 0) FROM marks)"
        )[0]
        return int(row[0]) * 1_000_000 + int(row[1])

    def events(self, user: str | None = None) -> list[StoredAnswer]:
        """Return every event (of ``user``, if given) in the order received."""
        sql = "SELECT * FROM events"
        params: list[Any] = []
        if user is not None:
            sql += " WHERE user = ?"
            params.append(user)
        return [_answer(row) for row in self._rows(sql + " ORDER BY seq", params)]

    def latest(self, user: str | None = None) -> list[StoredAnswer]:
        """Return the latest event per user, notebook and question (of ``user``, if given)."""
        where = "WHERE user = ?" if user is not None else ""
        sql = (
            "SELECT * FROM events WHERE seq IN (SELECT MAX(seq) FROM events "
            f"{where} GROUP BY user, notebook, question) ORDER BY user, notebook, seq"
        )
        return [_answer(row) for row in self._rows(sql, [user] if user is not None else [])]

    def attempts(self, user: str | None = None) -> dict[tuple[str, str, str], int]:
        """Return how many answers each (user, notebook, question) has."""
        where = "WHERE user = ?" if user is not None else ""
        sql = f"SELECT user, notebook, question, COUNT(*) FROM events {where} GROUP BY 1, 2, 3"
        rows = self._rows(sql, [user] if user is not None else [])
        return {(u, n, q): int(c) for u, n, q, c in rows}

    def marks(self, user: str | None = None) -> dict[tuple[str, str, str], Mark]:
        """Return the latest mark per (user, notebook, question)."""
        where = "WHERE user = ?" if user is not None else ""
        sql = (
            "SELECT user, notebook, question, mark, note, marked_by, marked_at FROM marks "
            f"WHERE seq IN (SELECT MAX(seq) FROM marks {where} GROUP BY user, notebook, question)"
        )
        rows = self._rows(sql, [user] if user is not None else [])
        return {(r[0], r[1], r[2]): Mark(*r) for r in rows}

    def users(self) -> list[str]:
        """Return every user who has sent an answer, sorted."""
        return [r[0] for r in self._rows("SELECT DISTINCT user FROM events ORDER BY user")]

    def backup(self, target: str | Path) -> Path:
        """Write a consistent copy of the store to ``target`` (SQLite's online backup)."""
        target = Path(target)
        copy = sqlite3.connect(target)
        try:
            with self._lock:
                self._db.backup(copy)
        finally:
            copy.close()
        return target


def _answer(row: tuple[Any, ...]) -> StoredAnswer:
    values = list(row)
    values[6] = json.loads(values[6])
    return StoredAnswer(*values)
