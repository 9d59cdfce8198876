"""Regenerate the hostile-submission corpus: ``python tests/exercise_fixtures/make_corpus.py``.

Writes ``keys/quiz.keys.json`` (a small question set of its own, so the corpus does not
change when the demonstration notebook does), ``submissions/*.json`` and
``expected.json`` (for each file, ``graded`` or the problem grading must report).
Deterministic: running it twice gives identical files.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def question_set():
    from casekit.exercises import ExerciseSet

    ex = ExerciseSet("quiz", answers_dir=HERE / "unused")
    ex.single_choice(
        "document",
        "Which document was adopted in Almaty?",
        ["A Joint Statement", "An Information Communiqué", "The Almaty Declaration"],
        answer="An Information Communiqué",
        feedback={"A Joint Statement": "That was Chengdu (5th meeting)."},
    )
    ex.multiple_select(
        "ministers",
        "Who sent a foreign minister?",
        ["China", "Kazakhstan", "Turkmenistan"],
        answer=["China", "Kazakhstan"],
    )
    ex.numeric("population", "Kazakhstan's population (millions)?", answer=20.3, tolerance=0.1)
    ex.short_text("city", "Seat of the Secretariat?", answer=["Xi'an", "Xian"])
    ex.reflection("reflect", "What surprised you?", rubric=["Name one source."])
    return ex


def sub(ex, student, answers, exported_at="2026-11-20T10:00:00.000+00:00", **extra):
    from casekit.exercises import submission

    doc = {
        "format": submission.FORMAT,
        "format_version": submission.FORMAT_VERSION,
        "student": student,
        "notebook": ex.notebook,
        "questions_fingerprint": ex.fingerprint,
        "casekit_version": "0.1.0",
        "exported_at": exported_at,
        "answers": {
            k: {"answer": v, "saved_at": exported_at, "attempts": 1} for k, v in answers.items()
        },
    }
    doc.update(extra)
    return doc


def sign(doc):
    from casekit.exercises.keys import digest

    doc = dict(doc)
    doc.pop("digest", None)
    doc["digest"] = digest(doc)
    return doc


def main() -> None:
    ex = question_set()
    keys_dir = HERE / "keys"
    subs_dir = HERE / "submissions"
    keys_dir.mkdir(exist_ok=True)
    subs_dir.mkdir(exist_ok=True)
    for old in subs_dir.iterdir():
        old.unlink()
    (keys_dir / "quiz.keys.json").write_text(
        json.dumps(ex.keys_document(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    )
    right = {
        "document": "An Information Communiqué",
        "ministers": ["China", "Kazakhstan"],
        "population": "20.3",
        "city": "Xi’an",
        "reflect": "The communiqué title.",
    }
    files: dict[str, tuple[bytes, str]] = {}

    def put(name, doc, expected, raw=None):
        data = (
            raw
            if raw is not None
            else (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode()
        )
        files[name] = (data, expected)

    put("alice.json", sign(sub(ex, "alice", right)), "graded")
    bob = sign(
        sub(
            ex,
            "bob",
            {
                "document": "A Joint Statement",
                "ministers": ["China", "Turkmenistan"],
                "population": 20286084,
                "city": "Almaty",
            },
        )
    )
    # Two different submissions from bob: a conflict for the instructor to settle, never
    # resolved by the exported_at time the files themselves carry.
    put("bob.json", bob, "conflict")
    put("bob_copy.json", bob, "duplicate")
    put(
        "bob_older.json",
        sign(sub(ex, "bob", right, exported_at="2026-11-01T09:00:00.000+00:00")),
        "conflict",
    )
    # Claims full marks in every field it can think of; the answers are wrong.
    liar = sub(
        ex,
        "carol",
        {
            "document": "The Almaty Declaration",
            "ministers": ["Turkmenistan"],
            "population": "7",
            "city": "Beijing",
        },
        score=100,
        grade="A",
        total=5,
    )
    for entry in liar["answers"].values():
        entry["self_check"] = {"status": "correct", "score": 1.0}
    put("claims_full_marks.json", sign(liar), "graded")
    # Odd but well-formed answers: each must be graded as wrong/invalid, never crash.
    put(
        "odd_answers.json",
        sign(
            sub(
                ex,
                "dave",
                {
                    "document": {"$gt": ""},
                    "ministers": "China; Kazakhstan; Narnia",
                    "population": "1e999",
                    "city": "__import__('os').system('touch PWNED')",
                    "reflect": '=HYPERLINK("http://example.invalid")',
                },
            )
        ),
        "graded",
    )
    put(
        "nan_answer.json",
        None,
        "graded",
        raw=(
            json.dumps(sign(sub(ex, "erin", {"population": float("nan")})), allow_nan=True) + "\n"
        ).encode(),
    )
    # Tampering.
    edited = sign(sub(ex, "frank", {"document": "A Joint Statement"}))
    edited["answers"]["document"]["answer"] = "An Information Communiqué"
    put("edited_after_export.json", edited, "tampered")
    put(
        "other_version.json",
        sign(sub(ex, "grace", right, questions_fingerprint="0123456789abcdef")),
        "tampered",
    )
    put("unknown_question.json", sign(sub(ex, "heidi", {**right, "bonus": "yes"})), "tampered")
    put(
        "unknown_notebook.json",
        sign(sub(ex, "ivan", right, notebook="99_other")),
        "unknown notebook",
    )
    # Malformed.
    put(
        "truncated.json",
        None,
        "malformed",
        raw=json.dumps(sign(sub(ex, "judy", right))).encode()[:120],
    )
    put("not_utf8.json", None, "malformed", raw=b"\xff\xfe{\x00}\x00")
    put("empty.json", None, "malformed", raw=b"")
    put("list.json", None, "malformed", raw=b"[1, 2, 3]\n")
    put("otter_log.json", {"format": "otter", "score": 100}, "malformed")
    put(
        "no_answers.json",
        sign({k: v for k, v in sub(ex, "mallory", right).items() if k != "answers"}),
        "malformed",
    )
    put("path_student.json", sign(sub(ex, "../../etc/passwd", right)), "malformed")
    put("formula_student.json", sign(sub(ex, "=cmd|' /C calc'!A0", right)), "malformed")
    put(
        "answers_not_dicts.json",
        sign(sub(ex, "oscar", {}) | {"answers": {"document": "x"}}),
        "malformed",
    )
    put("future_version.json", sign(sub(ex, "peggy", right, format_version=99)), "malformed")
    expected = {}
    for name, (data, kind) in sorted(files.items()):
        (subs_dir / name).write_bytes(data)
        expected[name] = kind
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(files)} submissions")


if __name__ == "__main__":
    main()
