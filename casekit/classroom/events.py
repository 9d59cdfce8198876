"""What a batch of answer events must look like; anything else is refused with a reason.

A kernel posts ``{"events": [event, ...]}``; each event is one line of the student's
ledger plus its ``id``. Whose answer it is comes from the hub token, so any ``user`` or
``student`` field in the body is ignored. A batch is accepted whole or refused whole.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: The fields an answer event carries from the kernel into the store, in column order.
EVENT_FIELDS = (
    "notebook",
    "question",
    "kind",
    "answer",
    "status",
    "score",
    "attempt",
    "session",
    "saved_at",
)

#: The largest request body the service reads (bytes).
MAX_BODY_BYTES = 1_000_000
#: The most events one request may carry.
MAX_EVENTS = 200
#: The largest answer (its JSON) one event may carry, in characters.
MAX_ANSWER_CHARS = 200_000

_ID = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_WORD = re.compile(r"^[A-Za-z0-9_.:+-]{0,64}$")
STATUSES = ("correct", "partial", "incorrect", "invalid", "recorded")


class Refused(ValueError):
    """A request the service refuses: ``reason`` is a short name counted in the store."""

    def __init__(self, reason: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.reason = reason
        self.status = status


def parse_batch(body: bytes) -> list[dict[str, Any]]:
    """Return the checked events of a request body.

    Raises
    ------
    Refused
        If the body is too large, not JSON, or an event lacks or misuses a field; the
        message names the event (by position) and the field.
    """
    if len(body) > MAX_BODY_BYTES:
        raise Refused(
            "oversized",
            f"request body of {len(body):,} bytes; the limit is {MAX_BODY_BYTES:,}",
            413,
        )
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused("malformed", "the body is not UTF-8 JSON") from None
    events = doc.get("events") if isinstance(doc, dict) else None
    if not isinstance(events, list) or not events:
        raise Refused("malformed", 'the body must be {"events": [at least one event]}')
    if len(events) > MAX_EVENTS:
        raise Refused(
            "oversized", f"{len(events)} events in one request; the limit is {MAX_EVENTS}", 413
        )
    return [_event(e, i) for i, e in enumerate(events)]


def _event(raw: Any, index: int) -> dict[str, Any]:
    where = f"event {index}"
    if not isinstance(raw, dict):
        raise Refused("malformed", f"{where} is not a JSON object")
    out: dict[str, Any] = {}
    for name, pattern in (("id", _ID), ("notebook", _NAME), ("question", _NAME)):
        value = raw.get(name)
        if not isinstance(value, str) or not pattern.match(value):
            raise Refused("malformed", f"{where}: {name!r} is missing or not a valid id")
        out[name] = value
    for name in ("kind", "session", "saved_at"):
        value = raw.get(name, "")
        if not isinstance(value, str) or not _WORD.match(value):
            raise Refused("malformed", f"{where}: {name!r} must be a short word")
        out[name] = value
    if raw.get("status") not in STATUSES:
        raise Refused("malformed", f"{where}: 'status' must be one of {', '.join(STATUSES)}")
    out["status"] = raw["status"]
    out["score"] = _number(raw.get("score"), where, "score")
    attempt = raw.get("attempt")
    if attempt is not None and (not isinstance(attempt, int) or isinstance(attempt, bool)):
        raise Refused("malformed", f"{where}: 'attempt' must be a whole number")
    out["attempt"] = attempt
    if "answer" not in raw:
        raise Refused("malformed", f"{where}: 'answer' is missing")
    if len(json.dumps(raw["answer"], ensure_ascii=False)) > MAX_ANSWER_CHARS:
        raise Refused(
            "oversized", f"{where}: the answer is longer than {MAX_ANSWER_CHARS:,} characters", 413
        )
    out["answer"] = raw["answer"]
    return out


def _number(value: Any, where: str, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise Refused("malformed", f"{where}: {name!r} must be a number from 0 to 1 or null")
    return float(value)
