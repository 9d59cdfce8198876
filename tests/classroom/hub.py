"""One real JupyterHub for the whole test session, on free loopback ports, always stopped.

Users' servers are heavy on two cores: a test that starts them stops them when it ends
(``HubUser.stop_server``); the hub itself idles until the session ends.

Registered by test modules with ``pytest_plugins = ["tests.classroom.hub"]``. The hub is
the demo classroom of ``make hub`` (``casekit.classroom.demo``): users ``instructor`` and
``student1..3``, the casekit service, homes with the course. Missing JupyterHub or
configurable-http-proxy skips on a developer machine and fails under ``CI=true``.

Test modules import their helpers from ``kernels.py`` and ``hubclient.py``, never from
here (a module registered as a plugin must not be imported first).
"""

from __future__ import annotations

import os
import secrets
import signal
import sqlite3
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from casekit.classroom.demo import HubSettings, free_port, start_hub, stop_hub, wait_ready
from tests.browser.course_ui import REPO
from tests.classroom.hubclient import SERVICE_SCOPE, HubUser
from tests.helpers import skip_or_fail

PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"


@dataclass
class TestHub:
    """A running hub: where it is, how to restart it, how to kill its service."""

    __test__ = False  # not a test class

    settings: HubSettings
    log: Path
    proc: subprocess.Popen

    @property
    def url(self) -> str:
        return self.settings.url

    @property
    def store_path(self) -> Path:
        return self.settings.service_data / "casekit.sqlite"

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def service_pid(self) -> int:
        """The pid of the casekit service the hub started (a child of the hub)."""
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.proc.pid and b"casekit.classroom" in cmdline:
                return int(entry.name)
        raise LookupError(f"no casekit service under the hub\n{self.log_tail()}")

    def kill_service(self) -> int:
        """SIGKILL the service; return its pid."""
        pid = self.service_pid()
        os.kill(pid, signal.SIGKILL)
        return pid

    def wait_service(self, timeout: float = 60) -> float:
        """Wait until the service answers through the proxy; return the seconds waited."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            try:
                url = f"{self.url}/services/casekit/api/health"
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        return time.monotonic() - start
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"the service did not come back in {timeout} s\n{self.log_tail()}")

    def stop(self) -> None:
        stop_hub(self.proc)

    def start(self) -> None:
        self.proc = start_hub(self.settings, self.log)
        try:
            wait_ready(self.url, self.proc)
        except RuntimeError as exc:
            stop_hub(self.proc)
            raise RuntimeError(f"{exc}\n{self.log_tail()}") from None

    def restart(self) -> None:
        self.stop()
        self.start()

    def events(self) -> list[tuple[str, str]]:
        """(user, event id) of every answer event in the store, read-only."""
        db = sqlite3.connect(f"file:{self.store_path}?mode=ro", uri=True)
        try:
            return db.execute("SELECT user, event_id FROM events ORDER BY seq").fetchall()
        finally:
            db.close()

    def rows(self, sql: str) -> list[tuple]:
        db = sqlite3.connect(f"file:{self.store_path}?mode=ro", uri=True)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()


@pytest.fixture(scope="session")
def hub(tmp_path_factory) -> Iterator[TestHub]:
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        skip_or_fail("JupyterHub is not installed: install casekit[hub] (make install)")
    if not PROXY.exists():
        skip_or_fail(f"configurable-http-proxy missing ({PROXY}): run `npm ci` in {REPO}")
    work = tmp_path_factory.mktemp("hub")
    settings = HubSettings(
        work=work,
        port=free_port(),
        proxy=PROXY,
        admins=("headteacher",),  # a hub admin outside the instructors' group
        admin_password=secrets.token_hex(20),
    )
    test_hub = TestHub(settings, work / "hub.log", None)  # type: ignore[arg-type]
    test_hub.start()
    try:
        yield test_hub
    finally:
        test_hub.stop()


@pytest.fixture(scope="session")
def tokens(hub) -> dict[str, str]:
    """A token per user with the service scope (as a single-user server's token has)."""
    out = {}
    for name in ("student1", "student2", "student3"):
        out[name] = HubUser(hub.url, name).login().new_token([SERVICE_SCOPE])
    out["instructor"] = (
        HubUser(hub.url, "instructor").login().new_token([SERVICE_SCOPE, "read:users:groups!user"])
    )
    return out
