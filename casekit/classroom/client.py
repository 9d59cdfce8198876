"""The kernel side: send every saved answer to the class service on a JupyterHub.

Active only where both are set (a hub's single-user server, configured as
``docs/instructor-guide.md`` shows):

``CASEKIT_SERVICE_URL``
    The service's address, e.g. ``http://127.0.0.1:8000/services/casekit/`` (given to
    servers through ``c.Spawner.environment``).
``JUPYTERHUB_API_TOKEN``
    The server's hub token; the service asks the hub whose it is (the only identity used).

The student's ledger is written first and stays their own copy. Which of its lines the
service has acknowledged is kept beside it (``<notebook>.answers.sent``, one event id a
line, append-only). After each answer, and when an exercise set starts, every line not yet
acknowledged is sent; event ids (the ledger session plus the line's checksum) make a
resent answer harmless. When the service cannot be reached the feedback says the answer is
saved here and will be sent. Requests time out after ``CASEKIT_SERVICE_TIMEOUT`` seconds
(default 2), so a service that is down never holds up a Check click for long.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.classroom.events import EVENT_FIELDS

URL_VAR = "CASEKIT_SERVICE_URL"
TOKEN_VAR = "JUPYTERHUB_API_TOKEN"
TIMEOUT_VAR = "CASEKIT_SERVICE_TIMEOUT"
BATCH = 50
BATCH_BYTES = 400_000
_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def event_id(record: dict[str, Any]) -> str:
    """Return the id of a ledger record's event: its session and checksum."""
    return f"{record.get('session', 'nosession')}-{record['crc']}"


def to_event(record: dict[str, Any]) -> dict[str, Any]:
    """Return the event the service receives for a ledger ``record``."""
    event = {name: record.get(name) for name in EVENT_FIELDS}
    event["id"] = event_id(record)
    return event


@dataclass(frozen=True)
class SendResult:
    """What a flush did: events acknowledged now, events still waiting, and why."""

    sent: int
    pending: int
    error: str = ""


class Outbox:
    """Which events of one ledger the service has acknowledged (``<ledger>.sent``)."""

    def __init__(self, ledger_path: Path) -> None:
        self.path = ledger_path.with_suffix(".sent")

    def acknowledged(self) -> set[str]:
        """Return the ids the service has acknowledged."""
        try:
            return set(self.path.read_text(encoding="utf-8").split())
        except (FileNotFoundError, NotADirectoryError):
            return set()

    def add(self, ids: list[str]) -> None:
        """Record ``ids`` as acknowledged (appended; a lost line only means a harmless resend)."""
        if not ids:
            return
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write("".join(f"{i}\n" for i in ids))


class ServiceClient:
    """Posts events to the class service with the hub token."""

    def __init__(self, url: str, token: str, timeout: float = 2.0) -> None:
        self.url = url.rstrip("/") + "/api/events"
        self.token = token
        self.timeout = timeout

    @classmethod
    def from_environment(cls) -> ServiceClient | None:
        """Return a client if this kernel runs on a hub with the service, else None."""
        url, token = os.environ.get(URL_VAR), os.environ.get(TOKEN_VAR)
        if not url or not token:
            return None
        try:
            timeout = float(os.environ.get(TIMEOUT_VAR, "2"))
        except ValueError:
            timeout = 2.0
        return cls(url, token, timeout)

    def whoami(self) -> str:
        """Return whom the hub says the token belongs to (the service caches the answer).

        Raises
        ------
        OSError
            If the service cannot be reached or refuses the token.
        """
        request = urllib.request.Request(
            self.url.rsplit("/", 1)[0] + "/whoami",
            headers={"Authorization": f"token {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return str(json.loads(response.read().decode("utf-8"))["user"])
        except urllib.error.HTTPError as exc:
            raise OSError(f"the class service refused the token (HTTP {exc.code})") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError, KeyError) as exc:
            raise OSError(f"the class service did not answer ({exc})") from None

    def post(self, events: list[dict[str, Any]]) -> list[str]:
        """Send ``events``; return the ids the service acknowledged.

        Raises
        ------
        OSError
            If the service cannot be reached or refuses the request (the message says why).
        """
        body = json.dumps({"events": events}, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                reply = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise OSError(
                f"the class service refused the answers (HTTP {exc.code}: {_error_text(exc)})"
            ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise OSError(f"the class service did not answer ({reason})") from None
        except ValueError:
            raise OSError("the class service sent a reply that is not JSON") from None
        return [str(i) for i in reply.get("accepted", [])]


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read().decode("utf-8")).get("error", exc.reason))[:200]
    except Exception:
        return str(exc.reason)


def flush(ledger: Any, client: ServiceClient) -> SendResult:
    """Send every event of ``ledger`` the service has not acknowledged yet.

    Parameters
    ----------
    ledger : casekit.exercises.ledger.Ledger
        The student's ledger (only read).
    client : ServiceClient
    """
    path = Path(ledger.path)
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(path, threading.Lock())
    with lock:
        outbox = Outbox(path)
        done = outbox.acknowledged()
        pending = [to_event(r) for r in ledger.read().records if "crc" in r]
        pending = [e for e in pending if e["id"] not in done]
        sent = 0
        for batch in _batches(pending):
            try:
                accepted = client.post(batch)
            except OSError as exc:
                return SendResult(sent, len(pending) - sent, str(exc))
            wanted = {e["id"] for e in batch}
            outbox.add([i for i in accepted if i in wanted])
            sent += len(wanted & set(accepted))
        return SendResult(sent, len(pending) - sent)


def _batches(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split ``events`` into requests of at most BATCH events and about BATCH_BYTES."""
    batches: list[list[dict[str, Any]]] = []
    size = 0
    for event in events:
        length = len(json.dumps(event, ensure_ascii=False).encode("utf-8"))
        if not batches or len(batches[-1]) >= BATCH or size + length > BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(event)
        size += length
    return batches


def _start(ledger: Any, client: ServiceClient) -> None:
    """Say hello (so the service knows this token before the first answer), then flush."""
    try:
        client.whoami()
    except OSError:
        return  # the next answer will tell the student
    flush(ledger, client)


class Listener:
    """The ``casekit.answer_listeners`` entry point (see :mod:`casekit.exercises.hooks`)."""

    def started(self, exercise_set: Any) -> None:
        """In the background: introduce this kernel, send answers an earlier session left."""
        client = ServiceClient.from_environment()
        if client is None:
            return
        ledger = exercise_set.ledger
        threading.Thread(target=_start, args=(ledger, client), daemon=True).start()

    def saved(self, exercise_set: Any, record: dict[str, Any], feedback: Any) -> Any:
        """Send this answer and any unsent ones; say so in the feedback if they must wait."""
        client = ServiceClient.from_environment()
        if client is None:
            return feedback
        result = flush(exercise_set.ledger, client)
        if not result.pending:
            return feedback
        count = "this answer is" if result.pending == 1 else f"{result.pending} answers are"
        line = (
            f"Saved here, in your answer file; {count} not yet sent to your class: "
            f"{result.error}. They will be sent with your next answer or when you open "
            "this notebook again."
        )
        return feedback.with_(details=(*feedback.details, line))


#: The object the entry point names.
listener = Listener()
