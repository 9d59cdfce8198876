"""Build student editions from solution editions, and validate both.

A solution edition (``exercises/solutions/NAME.ipynb``) is the single source. The student
edition (``exercises/NAME.ipynb``) is derived from it in steps, one module each:

- :mod:`~casekit.exercises.editions.transform`: drop solutions, seal keys, clear outputs;
- :mod:`~casekit.exercises.editions.execute`: run an edition in a fresh kernel and read
  every exercise set's state;
- :mod:`~casekit.exercises.editions.check`: the solution answers everything, the student
  edition runs clean and answers nothing (like ``nbgrader validate`` and ``--invert``);
- :mod:`~casekit.exercises.editions.write`: write the student edition, the instructor's
  key file (``exercises/solutions/NAME.keys.json``) and, on request, the executed solution
  edition: all of a run's files or none.
"""

from __future__ import annotations

from casekit.exercises.editions.check import check_solution, check_student
from casekit.exercises.editions.execute import (
    PROBE_ENV,
    WIDGET_VIEW,
    RunResult,
    probe,
    run_notebook,
    without_widget_views,
)
from casekit.exercises.editions.transform import (
    SOLUTION_TAG,
    EditionError,
    notebook_text,
    seal_question_keys,
    strip_solution_code,
    student_edition,
)
from casekit.exercises.editions.write import EditionReport, build_editions

__all__ = [
    "PROBE_ENV",
    "SOLUTION_TAG",
    "WIDGET_VIEW",
    "EditionError",
    "EditionReport",
    "RunResult",
    "build_editions",
    "check_solution",
    "check_student",
    "notebook_text",
    "probe",
    "run_notebook",
    "seal_question_keys",
    "strip_solution_code",
    "student_edition",
    "without_widget_views",
]
