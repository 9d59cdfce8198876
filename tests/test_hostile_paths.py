"""A case folder someone sent you cannot make casekit read a file outside it (issue 12, §1).

Every path a case names must be relative, stay inside the case folder after symlinks are
followed, and be a local regular file. Anything else is a descriptor problem that names
the resource and says why; the file's content is never read, echoed or loaded, and a
remote path is never fetched.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

import casekit
from casekit import ValidationError
from tests.hostile import all_text, copy_case, edit_descriptor, resource

SECRET = "TOP-SECRET-LINE,do-not-echo\nsecond,line\n"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return copy_case(tmp_path)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A CSV outside the case folder whose header would match nothing."""
    path = tmp_path / "outside" / "secret.csv"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def point_sources_at(case: Path, path: object) -> None:
    edit_descriptor(case, lambda d: resource(d, "sources").__setitem__("path", path))


def containment_problem(case: Path) -> tuple[str, str]:
    """Validate and load ``case``; return (the sources problem's text, everything said)."""
    report = casekit.validate(case)
    with pytest.raises(ValidationError) as caught:
        casekit.load(case)
    said = all_text(report) + "\n" + str(caught.value)
    assert "TOP-SECRET" not in said and "do-not-echo" not in said
    assert "root:" not in said  # no line of /etc/passwd either
    [problem] = [p for p in report.problems if p.table == "sources"]
    assert problem.rule == "resource-path", problem
    assert "sources" in str(problem)
    return problem.message + " " + problem.hint, said


def test_parent_directory_traversal_is_refused(case, secret):
    point_sources_at(case, "../outside/secret.csv")
    text, _ = containment_problem(case)
    assert "outside the case folder" in text


def test_deep_traversal_to_etc_passwd_is_refused(case):
    point_sources_at(case, "../../../../../../../../etc/passwd")
    text, _ = containment_problem(case)
    assert "outside the case folder" in text


def test_absolute_path_is_refused(case, secret):
    point_sources_at(case, str(secret))
    text, _ = containment_problem(case)
    assert "absolute" in text


def test_symlink_out_of_the_case_is_refused(case, secret):
    (case / "sources.csv").unlink()
    os.symlink(secret, case / "sources.csv")
    text, _ = containment_problem(case)
    assert "symlink" in text and "outside the case folder" in text


def test_symlinked_folder_out_of_the_case_is_refused(case, secret):
    os.symlink(secret.parent, case / "linked")
    point_sources_at(case, "linked/secret.csv")
    text, _ = containment_problem(case)
    assert "outside the case folder" in text


def test_symlink_inside_the_case_is_fine(case):
    (case / "sub").mkdir()
    os.replace(case / "sources.csv", case / "sub" / "real.csv")
    os.symlink(case / "sub" / "real.csv", case / "sources.csv")
    assert casekit.validate(case).ok


def test_remote_path_is_refused_and_never_fetched(case, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("casekit tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    point_sources_at(case, "http://127.0.0.1:9/sources.csv")
    text, _ = containment_problem(case)
    assert "remote" in text


@pytest.mark.parametrize("path", [["a.csv", "b.csv"], 7, {"x": 1}, ""])
def test_path_that_is_not_a_string_is_a_problem(case, path):
    point_sources_at(case, path)
    report = casekit.validate(case)
    problems = [p for p in report.problems if p.table == "sources"]
    assert problems and problems[0].rule in ("resource-path", "descriptor"), report
    with pytest.raises(ValidationError):
        casekit.load(case)


def test_a_folder_is_not_a_table(case):
    (case / "folder.csv").mkdir()
    point_sources_at(case, "folder.csv")
    text, _ = containment_problem(case)
    assert "not a regular file" in text


def test_a_device_is_not_a_table(case):
    os.symlink("/dev/zero", case / "zero.csv")  # reading it would never end
    point_sources_at(case, "zero.csv")
    containment_problem(case)


def test_windows_drive_and_backslash_traversal_are_refused(case):
    point_sources_at(case, "C:\\Windows\\win.ini")
    assert "absolute" in containment_problem(case)[0]
    point_sources_at(case, "..\\..\\etc\\passwd")
    assert "outside the case folder" in containment_problem(case)[0]


# ---------------------------------------------------------------- lexicons and texts


def test_lexicon_symlink_out_of_its_folder_is_refused(tmp_path, secret):
    folder = tmp_path / "coding"
    folder.mkdir()
    os.symlink(secret, folder / "lexicon.csv")
    with pytest.raises(ValidationError) as caught:
        casekit.load_lexicon(folder)
    said = str(caught.value)
    assert "TOP-SECRET" not in said and "symlink" in said


def test_text_symlink_out_of_its_folder_is_refused(tmp_path, secret):
    folder = tmp_path / "texts"
    folder.mkdir()
    os.symlink(secret, folder / "speech.txt")
    with pytest.raises(ValidationError) as caught:
        casekit.kwic(folder / "speech.txt", "line")
    assert "symlink" in str(caught.value) and "TOP-SECRET" not in str(caught.value)


def test_text_that_is_a_device_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="not a regular file"):
        casekit.theme_counts(Path("/dev/zero"))


def test_remote_text_and_lexicon_are_refused(tmp_path):
    with pytest.raises(ValidationError, match="remote"):
        casekit.theme_counts(Path("https://example.org/speech.txt"))
    with pytest.raises(ValidationError, match="remote"):
        casekit.load_lexicon("https://example.org/lexicon.csv")
