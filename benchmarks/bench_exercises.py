"""Exercises: check latency, ledger appends, restoring 1,000 answers, grading 1,000 submissions.

Budgets: a check must feel instant (median under 1 ms); an append, fsync included, under
20 ms at the 99th percentile; restoring 1,000 answers (a fresh kernel reading its ledger)
under 0.5 s; grading 1,000 submissions under 5 s (reports and chart included).
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from harness import Measurement, median, percentile, timings

SUBMISSIONS = 1_000


def _question_set(answers_dir: Path):
    from casekit.exercises import ExerciseSet

    ex = ExerciseSet("bench", answers_dir=answers_dir)
    ex.single_choice(
        "doc",
        "Adopted?",
        ["A Joint Statement", "An Information Communiqué", "The Almaty Declaration"],
        answer="An Information Communiqué",
    )
    ex.multiple_select(
        "who",
        "Ministers?",
        ["China", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
        answer=["China", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"],
    )
    ex.order(
        "series",
        "Order.",
        ["2022", "2020", "2025", "2021", "2024", "2023"],
        answer=["2020", "2021", "2022", "2023", "2024", "2025"],
    )
    ex.numeric("pop", "Millions?", answer=20.3, tolerance=0.1, units=["million"])
    ex.short_text("city", "Seat?", answer=["Xi'an", "Xian"], typos=1)
    ex.code_check("count", "Count.", answer={"China": 3, "Kazakhstan": 2})
    return ex


def _random_answers(ex, rng: random.Random) -> dict:
    return {
        "doc": rng.choice(ex["doc"].options),
        "who": rng.sample(list(ex["who"].options), rng.randint(1, 6)),
        "series": rng.sample(list(ex["series"].items), 6),
        "pop": rng.choice(["20.3", "20", "20286084", "37.5", "twenty"]),
        "city": rng.choice(["Xi'an", "xian", "Almaty", "Beijing", "Xi an"]),
        "count": rng.choice([{"China": 3, "Kazakhstan": 2}, {"China": 4, "Kazakhstan": 2}, 5]),
    }


def run() -> list[Measurement]:
    rows: list[Measurement] = []
    tmp = Path(tempfile.mkdtemp(prefix="casekit-bench-"))
    try:
        rng = random.Random(7)
        ex = _question_set(tmp / "answers")

        # 1. check latency, per kind, no saving
        samples = [_random_answers(ex, rng) for _ in range(200)]
        per_check = []
        for qid in ("doc", "who", "series", "pop", "city", "count"):
            q = ex[qid]
            answers = [s[qid] for s in samples]
            start = time.perf_counter()
            for a in answers:
                q.check(a)
            per_check.append((time.perf_counter() - start) / len(answers))
        worst = max(per_check)
        rows.append(
            Measurement(
                "check(answer), slowest kind (mean of 200)",
                worst * 1e3,
                "ms",
                "< 1 ms",
                worst < 1e-3,
                "no widget, no ledger",
            )
        )

        # 2. ledger append, fsync included
        from casekit.exercises.ledger import Ledger

        ledger = Ledger(tmp / "append.answers.jsonl")
        counter = iter(range(10**9))
        appends = timings(
            lambda: ledger.append(
                {
                    "notebook": "bench",
                    "question": "doc",
                    "answer": next(counter),
                    "status": "correct",
                }
            ),
            repeat=300,
            warmup=5,
        )
        rows.append(
            Measurement(
                "ledger append, median",
                median(appends) * 1e3,
                "ms",
                "—",
                True,
                "one os.write + fsync",
            )
        )
        p99 = percentile(appends, 99)
        rows.append(
            Measurement(
                "ledger append, 99th percentile",
                p99 * 1e3,
                "ms",
                "< 20 ms",
                p99 < 0.02,
                "300 appends",
            )
        )
        submit = timings(lambda: ex.submit("doc", "b"), repeat=100, warmup=2)
        rows.append(
            Measurement(
                "submit() (check + append), median",
                median(submit) * 1e3,
                "ms",
                "—",
                True,
                "what a student's click costs",
            )
        )

        # 3. restoring 1,000 answers: a fresh kernel reads the ledger and restores each question
        restore_dir = tmp / "restore"
        writer = _question_set(restore_dir)
        for i in range(1_000):
            qid = ("doc", "who", "series", "pop", "city", "count")[i % 6]
            writer.submit(qid, _random_answers(writer, rng)[qid])

        def restore_all() -> None:
            fresh = _question_set(restore_dir)
            for q in fresh:
                fresh.restore(q.id)
            fresh.progress()

        restore = median(timings(restore_all, repeat=7))
        rows.append(
            Measurement(
                "restore after restart, ledger of 1,000 answers",
                restore,
                "s",
                "< 0.5 s",
                restore < 0.5,
                "read ledger, restore 6 questions, progress",
            )
        )

        # 4. grading 1,000 submissions against the key file
        from casekit.exercises import grade, submission
        from casekit.exercises.ledger import now_utc

        keys = tmp / "bench.keys.json"
        import json

        keys.write_text(json.dumps(ex.keys_document()))
        subs = tmp / "subs"
        subs.mkdir()
        for i in range(SUBMISSIONS):
            answers = {
                k: {"answer": ex[k].record_form(v), "saved_at": now_utc(), "attempts": 1}
                for k, v in _random_answers(ex, rng).items()
            }
            doc = submission.build(
                student=f"s{i:05d}",
                notebook="bench",
                fingerprint=ex.fingerprint,
                casekit_version="bench",
                exported_at=now_utc(),
                answers=answers,
            )
            submission.write(doc, subs / f"s{i:05d}.json")

        def grade_all(chart: bool) -> float:
            out = tmp / f"grades-{chart}"
            start = time.perf_counter()
            report = grade([subs], [keys])
            report.write(out, chart=chart)
            elapsed = time.perf_counter() - start
            assert len(report.graded) == SUBMISSIONS and not report.problems
            return elapsed

        grade_all(False)  # warm the file cache
        no_chart = median([grade_all(False) for _ in range(3)])
        rows.append(
            Measurement(
                "grade 1,000 submissions (CSV + summary)",
                no_chart,
                "s",
                "< 5 s",
                no_chart < 5,
                "6 questions each",
            )
        )
        with_chart = grade_all(True)
        rows.append(
            Measurement(
                "grade 1,000 submissions + Altair chart (SVG)",
                with_chart,
                "s",
                "< 5 s",
                with_chart < 5,
                "first chart in the process: imports altair",
            )
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.path.insert(0, os.path.dirname(__file__))
    for m in run():
        print(m)
