"""Reusable fixtures for real-browser tests: JupyterLab or Voilà servers and Debian's chromium.

- ``chromium_path``: ``/usr/bin/chromium`` (or ``$CASEKIT_CHROMIUM``). Missing chromium
  skips these tests on a developer machine and **fails** them under ``CI=true``.
- ``browser``: a Playwright chromium with every non-loopback host unresolvable
  (``--host-resolver-rules``), i.e. no internet. Never ``page.route``: request
  interception breaks JupyterLab's kernel websocket.
- ``page``: a fresh page per test with ``page.external_ok`` (external responses that
  came back, which must stay empty) and ``page.external_failed`` (blocked attempts).
- ``lab``: a JupyterLab server on a free port serving a temporary folder; copy or write
  notebooks into ``lab.root`` and open them with ``lab.open(page, "name.ipynb")``.
- ``voila``: the same for Voilà (``voila.url("name.ipynb")``), started only if used.

Servers are started with ``subprocess.Popen`` and always stopped in ``finally``; their
logs go to a temporary folder (printed on failure by ``lab.log_tail()``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.helpers import skip_or_fail

# The course's fixtures (servers.py, registered by the test modules as a plugin) and
# helpers (course_ui.py) hold asserts too. --doctest-modules imports every module here
# before the test modules name the plugin, so mark them for assert rewriting first.
pytest.register_assert_rewrite("tests.browser.servers", "tests.browser.course_ui")

TOKEN = "casekit-test-token"
BIN = Path(sys.executable).parent
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # the network block: every host name fails to resolve except the loopback address
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots" / "browser"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Wait until ``url`` answers (any HTTP status) or ``proc`` dies."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before {url} answered")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answered: listening
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server we started, then kill it if it does not exit."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@dataclass
class Server:
    """A running notebook server: where it listens, what it serves, where it logs."""

    base: str
    root: Path
    log: Path
    proc: subprocess.Popen = field(repr=False)

    def log_tail(self, lines: int = 40) -> str:
        """Return the end of the server log (for failure messages)."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def api(self, path: str):
        """GET a JupyterLab REST endpoint and decode its JSON."""
        with urllib.request.urlopen(f"{self.base}{path}?token={TOKEN}", timeout=10) as resp:
            return json.load(resp)

    def wait_kernel_idle(self, notebook: str, timeout: float = 90) -> None:
        """Wait until the notebook's kernel is connected and idle (server-side check)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for session in self.api("/api/sessions"):
                kernel = session.get("kernel") or {}
                if (
                    session.get("path") == notebook
                    and kernel.get("execution_state") == "idle"
                    and kernel.get("connections", 0) > 0
                ):
                    return
            time.sleep(0.25)
        raise TimeoutError(f"kernel of {notebook} not idle and connected\n{self.log_tail()}")

    def open(self, page, notebook: str, timeout: float = 90_000) -> None:
        """Open ``notebook`` in JupyterLab and wait for its kernel to be ready."""
        page.goto(f"{self.base}/lab/tree/{notebook}?token={TOKEN}&reset")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout)
        self.wait_kernel_idle(notebook)
        page.wait_for_selector(
            ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']",
            timeout=timeout,
        )
        news = page.locator(".Toastify").get_by_role("button", name="No", exact=True)
        if news.count() and news.first.is_visible():
            news.first.click()

    def run_all(self, page) -> None:
        """Run > Run All Cells through the menu (deterministic, unlike shortcuts)."""
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

    def url(self, notebook: str) -> str:
        """Voilà: the render URL of ``notebook``."""
        return f"{self.base}/voila/render/{notebook}"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CASEKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        skip_or_fail(
            f"Debian chromium not found at {path}: run scripts/install-system-deps.sh "
            "(never `playwright install`)"
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every external request (none may succeed)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = context.new_page()
    pg.external_ok = []
    pg.external_failed = []
    pg.console_errors = []

    def on_response(response):
        if urlparse(response.url).hostname not in LOOPBACK and response.url.startswith("http"):
            pg.external_ok.append(response.url)

    def on_failed(request):
        if urlparse(request.url).hostname not in LOOPBACK and request.url.startswith("http"):
            pg.external_failed.append(request.url)

    pg.on("response", on_response)
    pg.on("requestfailed", on_failed)
    pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))
    try:
        yield pg
    finally:
        context.close()


def start_server(
    cmd: list[str],
    root: Path,
    log: Path,
    ready_path: str,
    port: int,
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """Run ``cmd`` (in ``root``, output to ``log``) until ``ready_path`` answers; always stop it."""
    with open(log, "w", encoding="utf-8") as handle:
        proc = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT, cwd=root, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}{ready_path}", proc)
        yield Server(base=base, root=root, log=log, proc=proc)
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def lab(tmp_path_factory) -> Iterator[Server]:
    """A JupyterLab server on 127.0.0.1 serving a temporary folder (never the sources)."""
    root = tmp_path_factory.mktemp("lab-root")
    log = tmp_path_factory.mktemp("lab-logs") / "jupyterlab.log"
    port = free_port()
    yield from start_server(lab_command(port, root), root, log, f"/api/status?token={TOKEN}", port)


def lab_command(port: int, root: Path) -> list[str]:
    """The command line of a JupyterLab server on 127.0.0.1:``port`` serving ``root``."""
    return [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--ServerApp.token={TOKEN}",
        "--allow-root",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]


@pytest.fixture(scope="session")
def voila(tmp_path_factory) -> Iterator[Server]:
    """A Voilà server on 127.0.0.1 serving a temporary folder."""
    root = tmp_path_factory.mktemp("voila-root")
    log = tmp_path_factory.mktemp("voila-logs") / "voila.log"
    port = free_port()
    cmd = [
        str(BIN / "voila"),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.root_dir={root}",
        "--show_tracebacks=True",
    ]
    # /voila/static/ is cheap (404 is fine); GET / would execute a notebook
    yield from start_server(cmd, root, log, "/voila/static/", port)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Folder for screenshots a person should look at (``build/screenshots/browser``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
