"""What a grading run found: grades, conflicts, problems; its analysis and its files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.exercises.grading.analysis import ITEM_COLUMNS, item_rows, summary_markdown
from casekit.exercises.grading.dedup import Conflict
from casekit.exercises.grading.keyfiles import KeySet
from casekit.exercises.grading.reading import SubmissionProblem
from casekit.exercises.grading.scoring import GradedSubmission
from casekit.exercises.grading.writing import RunFiles, gradebook_rows, reflection_rows, write_run


@dataclass
class GradeReport:
    """Everything ``casekit grade`` found: grades, item analysis, conflicts and problems."""

    keys: dict[str, KeySet]
    graded: list[GradedSubmission] = field(default_factory=list)
    problems: list[SubmissionProblem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def items(self) -> list[dict[str, Any]]:
        """Return one row per question: difficulty and the most chosen wrong answer."""
        return item_rows(self.keys, self.graded)

    def summary(self) -> str:
        """Return a short Markdown summary."""
        return summary_markdown(self.keys, self.graded, self.problems, self.conflicts)

    def chart(self) -> Any:
        """Return an Altair bar chart of difficulty per question (imports altair now)."""
        from casekit.exercises.report_chart import difficulty_chart

        return difficulty_chart([r for r in self.items() if r["difficulty"] is not None])

    def nothing_graded_reason(self) -> str:
        """Return one line saying why nothing was graded ("" when something was)."""
        if self.graded:
            return ""
        if not self.problems:
            return "no submissions found"
        shown = "; ".join(f"{p.path}: {p.reason}" for p in self.problems[:2])
        more = len(self.problems) - 2
        return shown + (f"; and {more} more file(s) listed as problems" if more > 0 else "")

    def write(self, out_dir: str | Path, *, chart: bool = True) -> list[Path]:
        """Write gradebook, items, problems, reflections, summary and chart; return the paths.

        All files or none: they are written to a temporary folder beside ``out_dir`` and
        moved into place only when all are written; files an earlier run left there and
        this run does not write (a chart, reflections) are removed, so the folder never
        mixes two runs.

        Raises
        ------
        casekit.outputs.OutputError
            If ``out_dir`` cannot be written (before anything is written).
        """
        files = RunFiles()
        files.tables["gradebook.csv"] = gradebook_rows(self.keys, self.graded, self.conflicts)
        items = self.items()
        files.tables["items.csv"] = (items, ITEM_COLUMNS)
        problems = [p.__dict__ for p in self.problems]
        files.tables["problems.csv"] = (problems, ["path", "problem", "reason"])
        reflections = reflection_rows(self.keys, self.graded)
        if reflections:
            columns = ["student", "notebook", "question", "text"]
            files.tables["reflections.csv"] = (reflections, columns)
        files.texts["summary.md"] = self.summary()
        if chart and any(r["difficulty"] is not None for r in items):
            files.chart = self.chart()
        return write_run(files, Path(out_dir))
