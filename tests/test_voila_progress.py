"""In a Voilà kernel ``ex.progress()`` is a panel that follows the answers (issue 12).

The browser proof is tests/browser/test_voila_offline.py; this checks the kernel side
with IPython's display machinery and no browser. Outside Voilà nothing changes: the
progress is displayed as its text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def shell(monkeypatch, tmp_path):
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASEKIT_ANSWERS_DIR", raising=False)
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def _displayed(shell, monkeypatch) -> list:
    shown: list = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: shown.extend(objs))
    return shown


def test_progress_panel_updates_after_each_answer_in_voila(shell, monkeypatch):
    monkeypatch.setenv("VOILA_KERNEL_ID", "test-kernel")
    from casekit.exercises import ExerciseSet

    ex = ExerciseSet("voila_progress_test")
    ex.single_choice("a", "Pick one", options=["x", "y"], answer="x")
    ex.single_choice("b", "Pick again", options=["x", "y"], answer="y")
    shown = _displayed(shell, monkeypatch)
    shell.display_formatter.format(ex.progress())  # what the cell `ex.progress()` does
    [panel] = shown
    assert "0 of 2 questions answered" in panel.value
    ex.submit("a", "x")
    assert "1 of 2 questions answered" in panel.value
    ex.submit("b", "x")
    assert "2 of 2 questions answered; 1 of 2" in panel.value


def test_progress_outside_voila_is_text(shell, monkeypatch):
    monkeypatch.delenv("VOILA_KERNEL_ID", raising=False)
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    from casekit.exercises import ExerciseSet

    ex = ExerciseSet("lab_progress_test")
    ex.single_choice("a", "Pick one", options=["x", "y"], answer="x")
    data, _ = shell.display_formatter.format(ex.progress())
    assert "0 of 1 questions answered" in data["text/plain"]


@pytest.mark.parametrize("folder", ["exercises", "exercises/solutions"])
def test_exercise_intros_fit_voila_and_jupyterlab(folder):
    for path in sorted((REPO / folder).glob("*.ipynb")):
        intro = "".join(json.loads(path.read_text("utf-8"))["cells"][0]["source"])
        flat = " ".join(intro.split())
        assert "in the code cell under each question" not in flat, path.name
        assert "Voilà" in flat and "JupyterLab" in flat, path.name


@pytest.mark.slow
def test_the_wheel_carries_the_offline_voila_template(casekit_wheel):
    """The wheel installs the template and makes it Voilà's default (etc/jupyter/voila.json)."""
    import zipfile

    with zipfile.ZipFile(casekit_wheel) as wheel:
        names = wheel.namelist()
        data = next(n.split("/data/")[0] for n in names if ".data/data/" in n)
        template = wheel.read(f"{data}/data/share/jupyter/voila/templates/casekit/index.html.j2")
        config = json.loads(wheel.read(f"{data}/data/etc/jupyter/voila.json"))
        conf = json.loads(
            wheel.read(f"{data}/data/share/jupyter/voila/templates/casekit/conf.json")
        )
    assert config == {"VoilaConfiguration": {"template": "casekit"}}
    assert conf == {"base_template": "lab"}
    assert b"extends 'voila/templates/lab/index.html.j2'" in template
    assert b"<link" not in template and b"if 'https://' not in line" in template
