"""Course servers and helpers for the real-browser tests of lessons and exercises.

Registered by the test modules with ``pytest_plugins = ["tests.browser.servers"]``; the
browser itself (Debian chromium, network blocked) and the ``page`` fixture come from
``conftest.py``.

- ``course``: a temporary copy of the course (``notebooks/*.ipynb`` and the student
  editions ``exercises/*.ipynb``) and a temporary answers folder. The UI never writes into
  the repository. The copies name this machine's Python version in ``language_info``, as
  JupyterLab would write it (the committed notebooks name the one they were built with).
- ``course_lab`` / ``course_voila``: JupyterLab and Voilà serving that copy on free
  loopback ports with ``CASEKIT_ANSWERS_DIR`` set to the temporary answers folder; always
  stopped.
- ``axe_source``: axe-core from ``node_modules`` (``npm ci`` at the repository root).
  Missing, it skips these tests on a developer machine and fails them under ``CI=true``.

The test modules import their helpers from ``course_ui.py``, not from here (a module
registered as a plugin must not be imported first).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import (
    BIN,
    TOKEN,
    Server,
    free_port,
    lab_command,
    start_server,
)
from tests.browser.course_ui import EXERCISES, LESSONS, REPO
from tests.helpers import skip_or_fail

SHOTS = REPO / "build" / "screenshots"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@dataclass
class Course:
    """A temporary copy of the course and where its answers go."""

    root: Path
    answers: Path

    def ledger(self, notebook: str) -> list[dict[str, Any]]:
        """The answer ledger a notebook wrote (one JSON object a line)."""
        path = self.answers / f"{Path(notebook).stem}.answers.jsonl"
        if not path.is_file():
            return []
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def copy_notebook(source: Path, target: Path) -> None:
    """Copy a notebook, with this machine's Python version in its ``language_info``.

    JupyterLab writes the kernel's ``language_info`` into a notebook it opens; only the
    version may rightly differ from the committed one (another Python patch release).
    """
    nb = json.loads(source.read_text("utf-8"))
    info = nb.get("metadata", {}).get("language_info", {})
    if "version" in info:
        info["version"] = sys.version.split()[0]  # as ipykernel reports it
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", "utf-8")


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Course:
    root = tmp_path_factory.mktemp("course")
    for folder, names in (("notebooks", LESSONS), ("exercises", EXERCISES)):
        (root / folder).mkdir()
        for name in names:
            copy_notebook(REPO / folder / name, root / folder / name)
    answers = tmp_path_factory.mktemp("answers")
    return Course(root=root, answers=answers)


def _env(course: Course, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ, CASEKIT_ANSWERS_DIR=str(course.answers), BROWSER="true")
    env.update(extra or {})
    return env


@pytest.fixture(scope="session")
def course_lab(course, tmp_path_factory) -> Iterator[Server]:
    """JupyterLab on a free loopback port serving the course copy, answers to a temp dir."""
    logs = tmp_path_factory.mktemp("course-lab-logs")
    port = free_port()
    cmd = lab_command(port, course.root)
    workspaces = tmp_path_factory.mktemp("lab-workspaces")
    env = _env(course, {"JUPYTERLAB_WORKSPACES_DIR": str(workspaces)})
    yield from start_server(
        cmd, course.root, logs / "jupyterlab.log", f"/api/status?token={TOKEN}", port, env
    )


@pytest.fixture(scope="session")
def course_voila(course, tmp_path_factory) -> Iterator[Server]:
    """Voilà on a free loopback port serving the course copy, answers to a temp dir."""
    logs = tmp_path_factory.mktemp("course-voila-logs")
    port = free_port()
    cmd = [
        str(BIN / "voila"),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.root_dir={course.root}",
        "--show_tracebacks=True",
    ]
    yield from start_server(
        cmd, course.root, logs / "voila.log", "/voila/static/", port, _env(course)
    )


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        skip_or_fail(f"axe-core not installed ({AXE}): run `npm ci` in {REPO}")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shots() -> Path:
    """``build/screenshots/``: screenshots for people to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def recording_page(context):
    """A page that records external requests, like ``conftest.page`` (none may succeed)."""
    from urllib.parse import urlparse

    from tests.browser.conftest import LOOPBACK

    pg = context.new_page()
    pg.external_ok, pg.external_failed = [], []

    def external(url: str) -> bool:
        return url.startswith("http") and urlparse(url).hostname not in LOOPBACK

    pg.on("response", lambda r: external(r.url) and pg.external_ok.append(r.url))
    pg.on("requestfailed", lambda r: external(r.url) and pg.external_failed.append(r.url))
    return pg


# JupyterLab attaches the cells of a notebook that are out of view in the page's idle time
# (requestIdleCallback, at most every 3 s when there is none). After the viewport has been
# resized, as it is for every tall screenshot, Chromium grants no idle time for many
# seconds, and the next notebook takes 10-20 s to attach. Without requestIdleCallback,
# JupyterLab uses its own fallback (for browsers that lack it): a timer, and every cell is
# attached within a second or two. Only when cells are attached changes, not what they show.
NO_IDLE_CALLBACK = "window.requestIdleCallback = undefined; window.cancelIdleCallback = undefined;"


@pytest.fixture(scope="module")
def lab_page(browser, course_lab):
    """One JupyterLab page for a whole module: notebooks open in it without a reload.

    The page has no ``requestIdleCallback`` (see ``NO_IDLE_CALLBACK``), so that a tall
    screenshot of one notebook does not slow down the opening of the next.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.add_init_script(NO_IDLE_CALLBACK)
    try:
        page = recording_page(context)
        page.goto(f"{course_lab.base}/lab?token={TOKEN}&reset", timeout=120_000)
        page.locator(".jp-DirListing-content").wait_for(timeout=120_000)
        yield page
    finally:
        context.close()
