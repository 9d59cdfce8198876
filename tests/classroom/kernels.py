"""Students' kernels for the classroom tests, as Python processes of their own.

``kernel_script`` runs what a student's kernel runs: an ``ExerciseSet`` of an exercise
notebook, with the hub token and the service URL in its environment (as the hub gives them
to a single-user server), answering questions. ``ledger_ids`` and ``acknowledged_ids`` read
what the student's side kept.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.browser.course_ui import REPO

KERNEL = r"""
import json, sys, time
from casekit.exercises import ExerciseSet
from casekit.exercises.registry import question_from_spec

notebook, count, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
keys = json.load(open(sys.argv[4], encoding="utf-8"))
ex = ExerciseSet(notebook)
questions = [question_from_spec(spec) for spec in keys["questions"]]
for q in questions:
    ex.add(q)
choice = [q for q in questions if q.kind == "single_choice"][0]
for i in range(count):
    t = time.perf_counter()
    feedback = ex.submit(choice.id, choice.options[i % len(choice.options)])
    print(json.dumps({"i": i, "ms": 1000 * (time.perf_counter() - t),
                      "details": list(feedback.details)}), flush=True)
    time.sleep(delay)
"""


def kernel_script(
    hub,
    token: str,
    answers_dir: Path,
    count: int,
    delay: float = 0.05,
    notebook: str = "01_almaty_meeting",
) -> subprocess.Popen:
    """Start a process that answers ``count`` times like a student's kernel on the hub."""
    env = dict(
        os.environ,
        JUPYTERHUB_API_TOKEN=token,
        CASEKIT_SERVICE_URL=f"{hub.url}/services/casekit/",
        CASEKIT_ANSWERS_DIR=str(answers_dir),
        CASEKIT_SERVICE_TIMEOUT="2",
    )
    keys = REPO / "exercises" / "solutions" / f"{notebook}.keys.json"
    return subprocess.Popen(
        [sys.executable, "-c", KERNEL, notebook, str(count), str(delay), str(keys)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def ledger_ids(answers_dir: Path, notebook: str = "01_almaty_meeting") -> list[str]:
    """The event ids of every line of a student's ledger (what the service must hold)."""
    from casekit.classroom.client import event_id

    path = answers_dir / f"{notebook}.answers.jsonl"
    return [event_id(json.loads(line)) for line in path.read_text().splitlines() if line]


def acknowledged_ids(answers_dir: Path, notebook: str = "01_almaty_meeting") -> set[str]:
    """The ids the service acknowledged to the student's kernel."""
    path = answers_dir / f"{notebook}.answers.sent"
    return set(path.read_text().split()) if path.exists() else set()
