"""Every ``casekit`` sub-command answers bad input with one line, never a traceback.

The sub-commands are read from the parser itself, so a new command is covered as soon as
it is registered. Each runs with (a) a path that does not exist, (b) an output it cannot
write and (c) an empty folder, and must exit with 1 or 2 and a one-line message on
stderr naming what is wrong. A failed run leaves no output behind.
"""

from __future__ import annotations

import argparse
import errno
import io
import sys
from pathlib import Path
from typing import Any

import pytest

from casekit.cli import build_parser, main
from tests.hostile import SHIPPED

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "exercise_fixtures"

#: Arguments that name where a command writes (everything else that is a path is read).
OUTPUTS = {"outdir", "out", "out_dir", "output", "dest"}
UNWRITABLE = Path("/proc/casekit-test/out")  # not even root can create this

#: A valid value for each argument that must be given for a command to run at all.
VALID: dict[str, Any] = {
    "path": SHIPPED,
    "data": SHIPPED,
    "table": "meetings",
    "name": "my-case",
    "submissions": FIXTURES / "submissions",
    "keys": FIXTURES / "keys",
    "sources": ROOT / "exercises" / "solutions" / "01_almaty_meeting.ipynb",
}


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [choices] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(choices.choices)


def _takes_path(action: argparse.Action) -> bool:
    return action.type is Path or (
        action.type is None and action.dest in VALID and isinstance(VALID[action.dest], Path)
    )


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        a
        for a in parser._actions
        if not isinstance(a, (argparse._HelpAction, argparse._StoreTrueAction))
        and a.dest not in ("help",)
        and not (a.option_strings and not _takes_path(a))
    ]


def argv_for(command: str, condition: str, tmp_path: Path) -> tuple[list[str], list[Path]] | None:
    """The command line for ``condition``; None if the command reads no path.

    Returns the arguments and the output paths the run must not create.
    """
    parser = subcommands()[command]
    inputs = [a for a in _arguments(parser) if _takes_path(a) and a.dest not in OUTPUTS]
    if condition in ("nonexistent", "empty") and not inputs:
        return None
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    bad_input = {"nonexistent": tmp_path / "no" / "such" / "place", "empty": empty}
    argv, outputs = [command], []
    for action in _arguments(parser):
        if action.dest in OUTPUTS:
            value = UNWRITABLE if condition == "unwritable" else tmp_path / f"out-{action.dest}"
            outputs.append(Path(value))
        elif _takes_path(action) and condition in bad_input:
            value = bad_input[condition]
        elif action.dest in VALID:
            value = VALID[action.dest]
        elif action.dest == "file":  # a text to code
            value = tmp_path / "speech.txt"
            value.write_text("Railways and energy.\n\nMore energy.\n", encoding="utf-8")
        elif not action.option_strings:
            raise AssertionError(f"tell this test what a valid {command} {action.dest} is")
        else:
            continue  # an optional input: its default is used
        argv += [*action.option_strings[-1:], str(value)]
    return argv, outputs


class FullDisk(io.StringIO):
    """A stdout that fails like ``command > /dev/full``."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


CASES = [
    (command, condition)
    for command in subcommands()
    for condition in ("nonexistent", "unwritable", "empty")
]


@pytest.mark.parametrize(("command", "condition"), CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_every_command_fails_with_one_line(command, condition, tmp_path, capsys, monkeypatch):
    built = argv_for(command, condition, tmp_path)
    if built is None:
        # These commands only write; their output is tried under "unwritable".
        assert command in {"scaffold", "course"}, f"{command} reads no path: say so here"
        return
    argv, outputs = built
    monkeypatch.chdir(tmp_path)
    if condition == "unwritable" and not outputs:
        monkeypatch.setattr(sys, "stdout", FullDisk())
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (1, 2), (argv, code, err)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, (argv, err)
    assert lines[0].startswith("casekit"), err
    for output in outputs:
        if condition != "unwritable":
            assert not output.exists(), f"a failed run created {output}"


# ------------------------------------------------------------------ specific messages


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_a_csv_file_says_pass_the_folder(capsys):
    code, _, err = run(["validate", str(SHIPPED / "meetings.csv")], capsys)
    assert code == 1
    assert "is a file" in err and "pass the case folder" in err
    assert "does not exist" not in err


def test_validate_a_datapackage_json_still_works(capsys):
    code, out, _ = run(["validate", str(SHIPPED / "datapackage.json")], capsys)
    assert code == 0 and "valid" in out


def test_tables_of_a_nonexistent_folder(capsys):
    code, _, err = run(["tables", "/nonexistent"], capsys)
    assert code == 1 and err.strip() == (
        "casekit tables: folder /nonexistent does not exist "
        "(give the folder that holds datapackage.json)"
    )


def test_cite_an_unknown_table_lists_the_tables(capsys):
    code, _, err = run(["cite", "nosuchtable"], capsys)
    assert code == 2
    assert "no table 'nosuchtable'" in err and "meetings" in err


def test_figures_into_an_uncreatable_folder_fails_before_any_work(capsys, tmp_path):
    # the output is checked first: the (missing) case is never read
    argv = ["figures", str(UNWRITABLE), "--data", str(tmp_path / "missing"), "--only", "timeline"]
    code, _, err = run(argv, capsys)
    assert code == 1 and "cannot write" in err and str(UNWRITABLE) in err


def test_output_to_a_full_disk_is_one_line_and_no_exit_noise():
    """`casekit validate > /dev/full`: the real interpreter, its final flush included."""
    import subprocess

    if not Path("/dev/full").exists():  # pragma: no cover - Linux has it
        pytest.fail("this test needs /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "casekit"), "validate"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == (
        "casekit validate: cannot write the output: No space left on device\n"
    ), done.stderr
