"""``casekit editions``: plan every file of a run, then write them all or none.

For each solution notebook the run plans the student edition, the instructor's key file
(from the solution run) and, on request, the executed solution edition. With ``check``
nothing is written and files that differ are reported. Otherwise the files are written
only when no notebook has a problem, through :func:`casekit.outputs.staged_outputs`, so
a failed run overwrites nothing; an unwritable folder is reported before any work.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.exercises.editions.check import check_solution, check_student
from casekit.exercises.editions.execute import run_notebook, without_widget_views
from casekit.exercises.editions.transform import EditionError, notebook_text, student_edition
from casekit.outputs import check_writable, staged_outputs


@dataclass
class EditionReport:
    """The outcome for one solution notebook."""

    source: Path
    student: Path
    keys: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The files this notebook's run produces, by path (written only if every run is ok).
    planned: dict[Path, str] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return not self.problems


def _read_solution(source: Path) -> Any:
    import nbformat

    if not source.exists():
        raise EditionError(f"{source}: does not exist")
    if source.is_symlink() or not source.is_file():
        raise EditionError(f"{source}: not a regular file")
    try:
        return nbformat.read(source, as_version=4)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise EditionError(f"{source}: cannot read the notebook: {reason}") from None


def _keys_text(states: list[dict[str, Any]]) -> str:
    keys = [info["keys"] for info in states]
    document = keys[0] if len(keys) == 1 else {"format": "casekit-keys-bundle", "sets": keys}
    return json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _plan(report: EditionReport, out_dir: Path, validate: bool, store_outputs: bool) -> None:
    """Transform (and run) one solution notebook; fill the report's problems and plan."""
    try:
        solution = _read_solution(report.source)
        student = student_edition(solution, report.source.name)
    except (EditionError, ValueError, KeyError, TypeError, AttributeError) as exc:
        report.problems.append(str(exc))
        return
    report.planned[report.student] = notebook_text(student)
    if not validate:
        return
    sol_run = run_notebook(solution, report.source.parent)
    report.problems += check_solution(sol_run)
    stu_run = run_notebook(student, out_dir)
    report.problems += check_student(stu_run, sol_run)
    if sol_run.state:
        report.planned[report.keys] = _keys_text(list(sol_run.state.values()))
    if store_outputs and sol_run.executed is not None and not sol_run.error:
        report.planned[report.source] = notebook_text(without_widget_views(sol_run.executed))


def _compare(report: EditionReport) -> None:
    for path, text in report.planned.items():
        try:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            report.problems.append(f"{path} is out of date; run `casekit editions`")


def _write_all(reports: list[EditionReport]) -> None:
    """Write every planned file, folder by folder, all or none."""
    by_folder: dict[Path, dict[str, str]] = defaultdict(dict)
    for report in reports:
        for path, text in report.planned.items():
            by_folder[path.parent][path.name] = text
    with contextlib.ExitStack() as stack:
        for folder, files in by_folder.items():
            stage = stack.enter_context(staged_outputs(folder))
            for name, text in files.items():
                (stage / name).write_text(text, encoding="utf-8")
    for report in reports:
        report.notes += [f"wrote {path}" for path in report.planned]


def build_editions(
    sources: list[Path],
    out_dir: Path,
    *,
    validate: bool = True,
    check: bool = False,
    store_outputs: bool = False,
) -> list[EditionReport]:
    """Write (or, with ``check``, compare) the student edition of each solution notebook.

    Parameters
    ----------
    sources : list of Path
        Solution notebooks.
    out_dir : Path
        Where student editions go (``exercises/``).
    validate : bool
        Run both editions and write the key file beside each solution.
    check : bool
        Write nothing; report files that differ from what would be written.
    store_outputs : bool
        Write the executed solution edition back, with its outputs.

    Returns
    -------
    list of EditionReport
        One per source. Files are written only when every report is ok.

    Raises
    ------
    casekit.outputs.OutputError
        Before any work, when a folder to write in cannot be written.
    """
    sources = [Path(s) for s in sources]
    out_dir = Path(out_dir)
    if not check:
        for folder in {out_dir, *(s.parent for s in sources if validate)}:
            check_writable(folder)
    reports = [EditionReport(s, out_dir / s.name, s.with_suffix(".keys.json")) for s in sources]
    for report in reports:
        _plan(report, out_dir, validate, store_outputs)
    if check:
        for report in reports:
            _compare(report)
    elif all(report.ok for report in reports):
        _write_all(reports)
    else:
        for report in reports:
            report.notes.append("nothing written: a failed run overwrites nothing")
    return reports
