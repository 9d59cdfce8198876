"""Course servers and helpers for the real-browser tests of lessons and exercises.

Registered by the test modules with ``pytest_plugins = ["tests.browser.servers"]``; the
browser itself (Debian chromium, network blocked) and the ``page`` fixture come from
``conftest.py``.

- ``course``: a temporary copy of the course (``notebooks/*.ipynb`` and the student
  editions ``exercises/*.ipynb``) and a temporary answers folder. The UI never writes into
  the repository.
- ``course_lab`` / ``course_voila``: JupyterLab and Voilà serving that copy on free
  loopback ports with ``CASEKIT_ANSWERS_DIR`` set to the temporary answers folder; always
  stopped.
- ``axe_source``: axe-core from ``node_modules`` (``npm ci`` at the repository root).
  Missing, it skips these tests on a developer machine and fails them under ``CI=true``.
- ``Exercise``: finds one question's widgets in a page and answers it with the mouse or
  the keyboard, from the plain answer keys in ``exercises/solutions/*.keys.json``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import BIN, TOKEN, Server, free_port, stop, wait_http

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted(p.name for p in (REPO / "exercises").glob("[0-9][0-9]_*.ipynb"))
SHOTS = REPO / "build" / "screenshots"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() == "true"

# generous waits: two shared cores, kernels importing pandas and altair
LONG = 120_000
SHORT = 30_000


def skip_or_fail(message: str) -> None:
    """Skip on a developer machine; fail under ``CI=true`` (nothing may go untested)."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


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


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Course:
    root = tmp_path_factory.mktemp("course")
    for folder, names in (("notebooks", LESSONS), ("exercises", EXERCISES)):
        (root / folder).mkdir()
        for name in names:
            shutil.copy(REPO / folder / name, root / folder / name)
    answers = tmp_path_factory.mktemp("answers")
    return Course(root=root, answers=answers)


def _env(course: Course, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ, CASEKIT_ANSWERS_DIR=str(course.answers), BROWSER="true")
    env.update(extra or {})
    return env


def _start_env(cmd, root, log, ready, port, env) -> Iterator[Server]:
    """Like ``conftest._start``, with the environment the server needs; always stopped."""
    with open(log, "w", encoding="utf-8") as handle:
        proc = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT, cwd=root, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}{ready}", proc)
        yield Server(base=base, root=root, log=log, proc=proc)
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def course_lab(course, tmp_path_factory) -> Iterator[Server]:
    """JupyterLab on a free loopback port serving the course copy, answers to a temp dir."""
    logs = tmp_path_factory.mktemp("course-lab-logs")
    port = free_port()
    cmd = [
        str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        f"--ServerApp.token={TOKEN}", "--allow-root", f"--ServerApp.root_dir={course.root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    workspaces = tmp_path_factory.mktemp("lab-workspaces")
    env = _env(course, {"JUPYTERLAB_WORKSPACES_DIR": str(workspaces)})
    yield from _start_env(cmd, course.root, logs / "jupyterlab.log",
                          f"/api/status?token={TOKEN}", port, env)


@pytest.fixture(scope="session")
def course_voila(course, tmp_path_factory) -> Iterator[Server]:
    """Voilà on a free loopback port serving the course copy, answers to a temp dir."""
    logs = tmp_path_factory.mktemp("course-voila-logs")
    port = free_port()
    cmd = [
        str(BIN / "voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
        f"--Voila.root_dir={course.root}", "--show_tracebacks=True",
    ]
    yield from _start_env(cmd, course.root, logs / "voila.log", "/voila/static/", port,
                          _env(course))


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


def answer_keys(notebook: str) -> dict[str, dict[str, Any]]:
    """The plain keys of an exercise notebook, by question id (instructor file)."""
    path = REPO / "exercises" / "solutions" / f"{Path(notebook).stem}.keys.json"
    return {q["id"]: q for q in json.loads(path.read_text("utf-8"))["questions"]}


def exact(text: str) -> re.Pattern:
    """A pattern matching exactly ``text`` (trimmed)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


# JavaScript: the outer box of every casekit question in the page (the VBox holding a
# button titled "<verb> your answer to <id>"). casekit's widgets carry no class of their
# own, so they are found by that title.
QUESTION_BOXES_JS = """
() => [...document.querySelectorAll('button[title*=" your answer to "]')]
        .map(b => b.closest('.widget-vbox')).filter(Boolean)
"""


class Exercise:
    """One question's widgets in a page (JupyterLab or Voilà)."""

    def __init__(self, page, qid: str, key: dict[str, Any] | None = None) -> None:
        self.page = page
        self.qid = qid
        self.key = key or {}
        button = page.locator(f'button[title$=" your answer to {qid}"]')
        self.box = page.locator(".widget-vbox").filter(has=button).last
        self.check_button = self.box.locator(f'button[title$=" your answer to {qid}"]')
        self.feedback = self.box.locator('[role="status"][aria-live="polite"]')
        self.status = self.box.locator(".widget-label").last

    @property
    def kind(self) -> str:
        return self.key["kind"]

    # -- the mouse ---------------------------------------------------------------------
    def answer_with_mouse(self, answer: Any = None) -> None:
        """Set ``answer`` (default: the key's) through the widgets, then click Check."""
        answer = self.key.get("answer") if answer is None else answer
        kind = self.kind
        if kind == "single_choice":
            self.box.locator(".widget-radio-box label").filter(has_text=exact(answer)).click()
        elif kind == "multiple_select":
            boxes = self.box.locator(".widget-checkbox")
            for i in range(boxes.count()):
                box = boxes.nth(i)
                label = box.inner_text().strip()
                if (label in answer) != box.locator("input").is_checked():
                    box.locator("input").click()
        elif kind == "categorize":
            for item, category in answer.items():
                self._dropdown(item).select_option(label=category)
        elif kind == "order":
            for i, item in enumerate(answer, start=1):
                self._dropdown(f"Position {i}:").select_option(label=item)
        elif kind in ("numeric", "short_text"):
            value = answer[0] if isinstance(answer, list) else answer
            field = self.box.locator("input[type=text]")
            field.click()
            field.fill(_number(value) if kind == "numeric" else str(value))
        elif kind == "reflection":
            area = self.box.locator("textarea")
            area.click()
            area.fill("The railway sentence reports a plan, not a result; the record is "
                      "silent on whether any line opened, so I would write 'planned'.")
        # rating: the sliders' starting values are an answer; code_check: code only
        self.check_button.click()

    def _dropdown(self, label: str):
        return (self.box.locator(".widget-dropdown")
                .filter(has=self.page.locator("label", has_text=exact(label)))
                .locator("select"))

    def expect_feedback(self, text: str, timeout: float = SHORT) -> None:
        from playwright.sync_api import expect

        expect(self.feedback).to_contain_text(text, timeout=timeout)


def _number(value: Any) -> str:
    """A numeric key as a student would type it (in the question's unit, one decimal)."""
    number = float(value)
    return f"{number:.1f}" if number != int(number) else str(int(number))


def expected_headline(kind: str) -> str:
    """What the feedback of a right answer starts with."""
    return "✎ Recorded" if kind in ("rating", "reflection") else "✓ Correct"
