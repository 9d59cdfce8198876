"""casekit's wheel alone keeps Check verdicts right in JupyterLab: no ``make`` step.

The wheel is built from this checkout and installed with ``[lab]`` into a fresh
environment (uv, offline, from its cache); that environment's own JupyterLab is started
with every user folder pointed at a temporary one, so only what the wheel installed can
set the comm order. Then:

- the settings API shows the effective default ``commsOverSubshells: "disabled"``;
- ``casekit.setup()`` in that environment warns about a user setting the server wrote;
- the probe that caught the race: many rounds of "type a new answer, click Check at once"
  under CPU load, in JupyterLab and in Voilà, with no verdict on any answer but the one
  just typed (each verdict is read in the page and each answer in the ledger).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TOKEN, Server, free_port, lab_command, start_server
from tests.helpers import uv_executable

pytestmark = [pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
PLUGIN = "@jupyterlab/apputils-extension:kernels-settings"
SETTINGS_API = f"/lab/api/settings/{PLUGIN}"
PROBE = "probe.ipynb"
RIGHT = "42"
ROUNDS = 30
# the environment variables that could point a server or kernel at this machine's own
# Jupyter folders or Python packages; each is replaced or dropped
FOREIGN = ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR")


def probe_notebook() -> dict:
    """One numeric question, shown by the wheel's casekit; any answer may be checked again."""
    cells = [
        "import casekit\nprint(casekit.__file__)\nprint(casekit.setup())",
        "from casekit.exercises import ExerciseSet\n\n"
        'ex = ExerciseSet("probe", title="Verdict probe")\n'
        f'q = ex.numeric("n", "Type {RIGHT}.", answer={RIGHT}, max_attempts=1)\nq',
    ]
    return {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {},
             "outputs": [], "source": src}
            for i, src in enumerate(cells)
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip


@dataclass
class WheelEnv:
    """A fresh environment holding casekit's wheel with ``[lab]``, and folders of its own."""

    prefix: Path
    home: Path  # user-level Jupyter folders (settings, config, data, runtime)
    root: Path  # what the servers serve
    answers: Path

    def bin(self, name: str) -> str:
        return str(self.prefix / "bin" / name)

    @property
    def user_settings(self) -> Path:
        return self.home / "lab-user-settings"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in FOREIGN}
        env.update(
            PATH=f"{self.prefix / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            JUPYTERLAB_SETTINGS_DIR=str(self.user_settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.home / "lab-workspaces"),
            JUPYTER_CONFIG_DIR=str(self.home / "config"),
            JUPYTER_DATA_DIR=str(self.home / "data"),
            JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
            CASEKIT_ANSWERS_DIR=str(self.answers),
            BROWSER="true",
        )
        return env

    def ledger(self) -> list[dict]:
        path = self.answers / "probe.answers.jsonl"
        if not path.is_file():
            return []
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def wheel_env(casekit_wheel, tmp_path_factory) -> WheelEnv:
    """``uv pip install --offline 'casekit-*.whl[lab]'`` into a new venv: nothing else."""
    uv = uv_executable()
    base = tmp_path_factory.mktemp("wheel-env")
    prefix = base / "venv"
    subprocess.run([uv, "venv", "-q", "-p", sys.executable, str(prefix)], check=True)
    python = str(prefix / "bin" / "python")
    # --offline: from uv's cache only; the lock pins what `make install` put there.
    # --compile-bytecode: PYTHONDONTWRITEBYTECODE is set here (see the Makefile).
    install = subprocess.run(
        [uv, "pip", "install", "-q", "--offline", "--compile-bytecode", "-p", python,
         "-c", str(REPO / "requirements.lock"), f"{casekit_wheel}[lab]"],
        capture_output=True, text=True, timeout=300,
        env={k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
    )  # fmt: skip
    assert install.returncode == 0, f"offline install from uv's cache failed:\n{install.stderr}"
    # as `make install` does: rfc3987-syntax costs ~2.4 s in every process importing jsonschema
    subprocess.run([uv, "pip", "uninstall", "-q", "-p", python, "rfc3987-syntax"], check=False)
    env = WheelEnv(prefix, base / "home", base / "root", base / "answers")
    for folder in (env.home, env.root, env.answers):
        folder.mkdir()
    (env.root / PROBE).write_text(json.dumps(probe_notebook(), indent=1), "utf-8")
    return env


@pytest.fixture(scope="module")
def wheel_lab(wheel_env, tmp_path_factory) -> Iterator[Server]:
    """The wheel environment's own JupyterLab (its ``jupyter``, its ``sys.prefix``)."""
    port = free_port()
    cmd = [wheel_env.bin("jupyter"), *lab_command(port, wheel_env.root)[1:]]
    log = tmp_path_factory.mktemp("wheel-lab-logs") / "jupyterlab.log"
    ready = f"/api/status?token={TOKEN}"
    yield from start_server(cmd, wheel_env.root, log, ready, port, wheel_env.env())


@pytest.fixture(scope="module")
def wheel_voila(wheel_env, tmp_path_factory) -> Iterator[Server]:
    """The wheel environment's own Voilà serving the probe."""
    port = free_port()
    cmd = [wheel_env.bin("voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           f"--Voila.root_dir={wheel_env.root}", "--show_tracebacks=True"]  # fmt: skip
    log = tmp_path_factory.mktemp("wheel-voila-logs") / "voila.log"
    yield from start_server(cmd, wheel_env.root, log, "/voila/static/", port, wheel_env.env())


def put_user_setting(server: Server, raw: str) -> None:
    """Save a user setting through JupyterLab's settings API, as its settings editor does."""
    request = urllib.request.Request(
        f"{server.base}{SETTINGS_API}?token={TOKEN}",
        data=json.dumps({"raw": raw}).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=10).close()


# -- CPU load and the probe ------------------------------------------------------------
BURN = (
    "import sys, time\n"
    "end = time.monotonic() + float(sys.argv[1])\n"
    "while time.monotonic() < end: pass"
)


class CpuLoad:
    """One busy process per core for at most ``seconds`` (and stopped on exit)."""

    def __init__(self, seconds: float, processes: int | None = None) -> None:
        self.seconds = seconds
        self.processes = processes or os.cpu_count() or 2
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> CpuLoad:
        self.procs = [
            subprocess.Popen([sys.executable, "-c", BURN, str(self.seconds)])
            for _ in range(self.processes)
        ]
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            proc.kill()
            proc.wait(timeout=10)


@dataclass
class ProbeResult:
    rounds: int
    wrong: list[tuple[int, str, str]]  # round, typed answer, verdict shown
    stale: list[tuple[int, str, str]]  # round, typed answer, answer the kernel recorded
    seconds: float
    load: float  # the 1-minute load average at the end (2 cores here)


def answer_for(round_: int) -> str:
    """Right and wrong in turn, every wrong answer different: a stale verdict shows."""
    return RIGHT if round_ % 2 else str(100 + round_)


def run_probe(page, rounds: int, ledger) -> ProbeResult:
    """Type a new answer and click Check at once, ``rounds`` times; compare verdicts.

    ``ledger`` returns the answers the kernel recorded so far (the probe's ledger).
    """
    box = page.locator(".widget-vbox").filter(has=page.locator('button[title$="answer to n"]'))
    field = box.last.locator("input[type=text]")
    check = box.last.locator('button[title$="answer to n"]')
    feedback = box.last.locator('[role="status"][aria-live="polite"]')
    status = box.last.locator(".widget-label").last
    start = len(ledger())
    wrong = []
    started = time.monotonic()
    for i in range(1, rounds + 1):
        typed = answer_for(i)
        field.fill(typed)  # the whole answer at once, as a paste or an input method sends it
        check.click()  # at once: the click blurs the field, which sends its value
        expect(status).to_have_text(f"Saved (attempt {start + i} of 1).", timeout=60_000)
        verdict = feedback.inner_text().strip()
        if ("✓ Correct" in verdict) != (typed == RIGHT):
            wrong.append((i, typed, verdict.splitlines()[0]))
    seconds = time.monotonic() - started
    recorded = [str(row["answer"]) for row in ledger()[start:]]
    stale = [
        (i, answer_for(i), got)
        for i, got in enumerate(recorded, start=1)
        if float(got) != float(answer_for(i))
    ]
    return ProbeResult(rounds, wrong, stale, seconds, os.getloadavg()[0])


def open_probe_in_lab(lab: Server, page) -> None:
    lab.open(page, PROBE)
    lab.run_all(page)
    page.locator('button[title$="answer to n"]').wait_for(timeout=120_000)


# -- the tests -------------------------------------------------------------------------
def test_the_wheel_alone_makes_in_order_comms_the_jupyterlab_default(wheel_env, wheel_lab):
    settings_dir = wheel_env.prefix / "share" / "jupyter" / "lab" / "settings"
    assert sorted(p.name for p in settings_dir.rglob("*.json")) == ["casekit.json"]
    settings = wheel_lab.api(SETTINGS_API)
    schema = settings["schema"]["properties"]["commsOverSubshells"]
    assert schema["default"] == "disabled", schema  # JupyterLab's own is perCommTarget
    assert "commsOverSubshells" not in settings["settings"]  # no user setting: the default


def test_setup_in_the_wheel_env_names_a_user_setting_the_server_wrote(wheel_env, wheel_lab):
    code = "import casekit; casekit.setup()"
    python = wheel_env.bin("python")
    try:
        put_user_setting(wheel_lab, '{\n  // mine\n  "commsOverSubshells": "perCommTarget"\n}')
        written = wheel_env.user_settings / "@jupyterlab" / "apputils-extension"
        [path] = written.glob("kernels-settings.jupyterlab-settings")
        run = subprocess.run([python, "-c", code], capture_output=True, text=True,
                             env=wheel_env.env(), timeout=120)  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert '"commsOverSubshells" is "perCommTarget"' in run.stderr and str(path) in run.stderr
    finally:
        put_user_setting(wheel_lab, "{}")
    run = subprocess.run([python, "-c", code], capture_output=True, text=True,
                         env=wheel_env.env(), timeout=120)  # fmt: skip
    assert run.returncode == 0 and run.stderr == "", run.stderr


@pytest.mark.browser
def test_probe_in_jupyterlab_under_cpu_load_no_wrong_verdict(wheel_env, wheel_lab, page):
    open_probe_in_lab(wheel_lab, page)
    out = page.locator(".jp-OutputArea-output").first
    expect(out).to_contain_text(str(wheel_env.prefix))  # the wheel's casekit ran
    with CpuLoad(seconds=60):
        result = run_probe(page, ROUNDS, wheel_env.ledger)
    print(f"\nJupyterLab probe: {result}")
    assert result.wrong == [] and result.stale == [], result
    assert page.external_ok == [], page.external_ok


@pytest.mark.browser
def test_probe_in_voila_under_cpu_load_no_wrong_verdict(wheel_env, wheel_voila, page):
    page.goto(wheel_voila.url(PROBE), timeout=120_000)
    page.locator('button[title$="answer to n"]').wait_for(timeout=120_000)
    with CpuLoad(seconds=60):
        result = run_probe(page, ROUNDS, wheel_env.ledger)
    print(f"\nVoila probe: {result}")
    assert result.wrong == [] and result.stale == [], result
