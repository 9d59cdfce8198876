"""Check what running both editions showed (like ``nbgrader validate`` and ``--invert``).

Every question in the solution edition must be answered correctly (or recorded, for the
collected kinds); the student edition must run clean, answer nothing, record nothing, and
its sealed keys must decode to the solution's keys.
"""

from __future__ import annotations

from casekit.exercises.editions.execute import RunResult


def check_solution(run: RunResult) -> list[str]:
    """Return the problems of a solution edition's run (empty when it passes)."""
    if run.error:
        return [f"the solution edition fails: {run.error}"]
    if not run.state:
        return ["the solution edition defines no ExerciseSet"]
    problems = []
    for notebook, info in run.state.items():
        for spec in info["keys"]["questions"]:
            status = info["results"].get(spec["id"])
            wanted = info["expected"].get(spec["id"], "correct")
            if status != wanted:
                problems.append(
                    f"{notebook}: question {spec['id']!r} is not answered "
                    f"{'correctly' if wanted == 'correct' else 'and recorded'} "
                    f"in the solution edition (last check: {status or 'none'})"
                )
    return problems


def check_student(run: RunResult, solution: RunResult) -> list[str]:
    """Return the problems of a student edition's run, compared with the solution's run."""
    if run.error:
        return [f"the student edition does not run clean: {run.error}"]
    problems = []
    for notebook, info in run.state.items():
        answered = {q: s for q, s in info["results"].items() if s != "unanswered"}
        if answered:
            problems.append(f"{notebook}: the student edition answers {sorted(answered)} already")
        if info["records"]:
            problems.append(f"{notebook}: the student edition recorded {info['records']} answer(s)")
        reference = solution.state.get(notebook)
        if reference and info["keys"] != reference["keys"]:
            problems.append(f"{notebook}: the sealed keys do not decode to the solution's keys")
    if set(run.state) != set(solution.state):
        problems.append("the student edition defines different exercise sets from the solution")
    return problems
