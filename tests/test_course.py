"""`casekit course DEST`: the course out of the installed package, never over a student's work."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.course import MANIFEST, course_files, install_course
from tests.helpers import uv_executable

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
STUDENT = sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted(p.name for p in (ROOT / "exercises" / "solutions").iterdir() if p.is_file())


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def student_course() -> set[str]:
    return {f"notebooks/{n}" for n in LESSONS} | {f"exercises/{n}" for n in STUDENT}


# ------------------------------------------------------------------ the library function


def test_a_student_course_has_lessons_and_student_editions_only(tmp_path):
    report = install_course(tmp_path / "course")
    assert listing(tmp_path / "course") == student_course() | {MANIFEST}
    assert sorted(report.written) == sorted(student_course())
    for relative in student_course():
        copied = (tmp_path / "course" / relative).read_bytes()
        assert copied == (ROOT / relative).read_bytes(), relative
    assert not any("solution" in p or p.endswith(".keys.json") for p in listing(tmp_path))


def test_the_student_editions_carry_no_solution(tmp_path):
    """The student edition is not the solution edition (the answers are removed)."""
    files = course_files()
    for name in STUDENT:
        solution = (ROOT / "exercises" / "solutions" / name).read_bytes()
        assert files[f"exercises/{name}"] != solution


def test_instructor_adds_solutions_and_keys(tmp_path, capsys):
    assert main(["course", str(tmp_path / "c"), "--instructor"]) == 0
    out, err = capsys.readouterr()
    solutions = {f"exercises/solutions/{n}" for n in SOLUTIONS}
    assert any(n.endswith(".keys.json") for n in SOLUTIONS)
    assert listing(tmp_path / "c") == student_course() | solutions | {MANIFEST}
    assert "keep them private" in err and "solutions" in err
    assert "wrote    exercises/solutions/01_almaty_meeting.keys.json" in out


def test_a_rerun_keeps_every_existing_notebook(tmp_path, capsys):
    dest = tmp_path / "course"
    install_course(dest)
    mine = dest / "exercises" / "01_almaty_meeting.ipynb"
    mine.write_text('{"my": "answers"}', encoding="utf-8")
    assert main(["course", str(dest)]) == 0
    out = capsys.readouterr().out
    assert mine.read_text(encoding="utf-8") == '{"my": "answers"}'
    assert "kept     exercises/01_almaty_meeting.ipynb" in out
    assert "0 written, 0 updated, 1 kept" in out


def test_update_replaces_only_notebooks_nobody_changed(tmp_path):
    dest = tmp_path / "course"
    install_course(dest)
    manifest = json.loads((dest / MANIFEST).read_text(encoding="utf-8"))
    # an older casekit wrote these two; the student then changed the second one
    old_lesson, old_exercise = (
        dest / "notebooks/02_connectivity.ipynb",
        dest / "exercises/03_security.ipynb",
    )
    for path in (old_lesson, old_exercise):
        path.write_text('{"old": "version"}', encoding="utf-8")
        relative = str(path.relative_to(dest))
        manifest["files"][relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    (dest / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    old_exercise.write_text('{"old": "version", "student": "answers"}', encoding="utf-8")
    foreign = dest / "notebooks/04_soft_power.ipynb"
    foreign.write_text("someone else's file", encoding="utf-8")
    (dest / MANIFEST).write_text(
        json.dumps(
            {
                **manifest,
                "files": {k: v for k, v in manifest["files"].items() if "04_soft" not in k},
            }
        ),
        encoding="utf-8",
    )

    report = install_course(dest, update=True)

    assert report.replaced == ["notebooks/02_connectivity.ipynb"]
    assert old_lesson.read_bytes() == (ROOT / "notebooks/02_connectivity.ipynb").read_bytes()
    assert "student" in old_exercise.read_text(encoding="utf-8")
    assert report.kept["exercises/03_security.ipynb"].startswith("you changed it")
    assert foreign.read_text(encoding="utf-8") == "someone else's file"
    assert "not written by casekit course" in report.kept["notebooks/04_soft_power.ipynb"]
    # the next update still knows the student's notebook was changed
    again = install_course(dest, update=True)
    assert again.replaced == [] and "exercises/03_security.ipynb" in again.kept


def test_a_broken_manifest_keeps_everything(tmp_path):
    dest = tmp_path / "course"
    install_course(dest)
    lesson = dest / "notebooks/01_meeting_and_declaration.ipynb"
    lesson.write_text("changed", encoding="utf-8")
    (dest / MANIFEST).write_text("{not json", encoding="utf-8")
    report = install_course(dest, update=True)
    assert lesson.read_text(encoding="utf-8") == "changed" and not report.replaced
    assert json.loads((dest / MANIFEST).read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize("kind", ["file", "parent-is-file"])
def test_a_bad_destination_is_one_line_and_writes_nothing(tmp_path, capsys, kind):
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    dest = blocker if kind == "file" else blocker / "course"
    assert main(["course", str(dest)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("casekit course: ")
    assert "Traceback" not in captured.err and str(blocker) in captured.err
    assert listing(tmp_path) == {"taken"}


def test_a_failed_run_writes_nothing(tmp_path, monkeypatch):
    """All or nothing: a failure half-way (here a file that cannot be written) leaves the
    folder as it was."""
    import casekit.course as course

    files = dict(list(course_files().items())[:4])
    files[f"{next(iter(files))}/impossible.ipynb"] = b"{}"  # under a file written before
    monkeypatch.setattr(course, "course_files", lambda instructor=False: files)
    dest = tmp_path / "course"
    with pytest.raises(OSError):
        install_course(dest)
    assert not dest.exists() or listing(dest) == set()
    assert [p.name for p in tmp_path.iterdir()] in ([], ["course"])


def test_no_destination_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["course"])
    assert exit_.value.code == 2
    assert "dest" in capsys.readouterr().err


# ------------------------------------------------------------ from a wheel, in a fresh venv


def _run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


@pytest.fixture(scope="module")
def wheel_venv(casekit_wheel, tmp_path_factory):
    """casekit's wheel with the lab extra (plus pytest and nbval) in a new venv, offline."""
    work = tmp_path_factory.mktemp("wheel")
    started = time.perf_counter()
    wheel = casekit_wheel
    uv, venv = uv_executable(), work / "venv"
    _run([uv, "venv", "-q", "-p", sys.executable, str(venv)], timeout=60)
    python = venv / "bin" / "python"
    _run(
        [
            uv,
            "pip",
            "install",
            "-q",
            "--offline",
            "--compile-bytecode",
            "-p",
            str(python),
            "-c",
            str(ROOT / "requirements.lock"),
            f"casekit[lab] @ {wheel.as_uri()}",
            "pytest",
            "nbval",
        ],
        timeout=300,
    )
    # as `make install` does: this grammar costs ~2.4 s in every process importing nbformat
    subprocess.run(
        [uv, "pip", "uninstall", "-q", "-p", str(python), "rfc3987-syntax"], capture_output=True
    )
    print(f"\nwheel installed in {time.perf_counter() - started:.1f} s")
    return venv


@pytest.mark.slow
def test_the_course_from_the_wheel_runs_from_its_folder(wheel_venv, tmp_path):
    bin_ = wheel_venv / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["CASEKIT_ANSWERS_DIR"] = str(tmp_path / "answers")
    dest = tmp_path / "course"
    # the casekit that runs is the wheel's, not this checkout's
    where = _run(
        [str(bin_ / "python"), "-c", "import casekit; print(casekit.__file__)"],
        cwd=tmp_path,
        env=env,
    )
    assert where.stdout.strip().startswith(str(wheel_venv))

    out = _run([str(bin_ / "casekit"), "course", str(dest)], cwd=tmp_path, env=env).stdout
    assert listing(dest) == student_course() | {MANIFEST}
    assert f"{len(student_course())} written" in out

    mine = dest / "exercises" / "02_connectivity.ipynb"
    mine.write_text(
        mine.read_text(encoding="utf-8").replace('"cells": [', '"cells": [ ', 1), encoding="utf-8"
    )
    mine_text = mine.read_text(encoding="utf-8")
    again = _run(
        [str(bin_ / "casekit"), "course", str(dest), "--update"], cwd=tmp_path, env=env
    ).stdout
    assert "kept     exercises/02_connectivity.ipynb (you changed it" in again
    assert mine.read_text(encoding="utf-8") == mine_text
    assert "0 written, 0 updated, 1 kept" in again

    instructor = _run(
        [str(bin_ / "casekit"), "course", str(dest), "--instructor"], cwd=tmp_path, env=env
    )
    assert "keep them private" in instructor.stderr
    assert {f"exercises/solutions/{n}" for n in SOLUTIONS} <= listing(dest)
    shutil.rmtree(dest / "exercises" / "solutions")
    mine.write_text(
        (ROOT / "exercises" / "02_connectivity.ipynb").read_text(encoding="utf-8"), encoding="utf-8"
    )

    # nbval on the copied course, with the wheel's python, from the course folder: lessons
    # compared cell by cell, student editions run clean
    plugin = tmp_path / "plugins"
    plugin.mkdir()
    shutil.copy(ROOT / "conftest.py", plugin / "casekit_rich_outputs.py")
    (plugin / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env["PYTHONPATH"] = str(plugin)
    common = [
        str(bin_ / "python"),
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "casekit_rich_outputs",
        "-c",
        str(plugin / "pytest.ini"),
        "--rootdir",
        str(dest),
        "--nbval-current-env",
        "--nbval-cell-timeout",
        "120",
        "--nbval-sanitize-with",
        str(ROOT / "tests" / "nbval_sanitize.cfg"),
    ]
    started = time.perf_counter()
    _run([*common, "--nbval", "notebooks"], cwd=dest, env=env, timeout=900)
    lessons = time.perf_counter() - started
    _run([*common, "--nbval-lax", "exercises"], cwd=dest, env=env, timeout=900)
    print(
        f"\nnbval from the course folder: lessons {lessons:.1f} s, "
        f"student editions {time.perf_counter() - started - lessons:.1f} s"
    )
