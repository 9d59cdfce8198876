"""What a grading run found: grades, conflicts, problems; its analysis and its files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.exercises.grading.analysis import item_rows, summary_markdown
from casekit.exercises.grading.dedup import Conflict
from casekit.exercises.grading.keyfiles import KeySet
from casekit.exercises.grading.reading import SubmissionProblem
from casekit.exercises.grading.scoring import GradedSubmission


@dataclass
class GradeReport:
    """Everything ``casekit grade`` found: grades, item analysis, conflicts and problems."""

    keys: dict[str, KeySet]
    graded: list[GradedSubmission] = field(default_factory=list)
    problems: list[SubmissionProblem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def items(self) -> list[dict[str, Any]]:
        """Return one row per question: difficulty and the most chosen wrong answer."""
        return item_rows(self)

    def summary(self) -> str:
        """Return a short Markdown summary."""
        return summary_markdown(self)

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
        from casekit.exercises.grading.writing import write_report

        return write_report(self, Path(out_dir), chart=chart)
