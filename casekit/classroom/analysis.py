"""The class view: who started and finished, how each question went, one student's record.

Verdicts are recomputed from each answer with the instructor's key files (the same
``check`` the notebook and ``casekit grade`` use), so a status a kernel reports is only
used for notebooks without a key file. Checks are cached per distinct answer: a class
gives the same few wrong answers many times.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from casekit.classroom.store import Mark, Store, StoredAnswer
from casekit.exercises.grading import KeySet
from casekit.exercises.opinion import count_words

WRONG = ("incorrect", "invalid")
COMMON_WRONG = 5


@dataclass
class Verdicts:
    """Re-check stored answers against the key files, remembering each distinct answer."""

    keys: dict[str, KeySet] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._check = lru_cache(maxsize=50_000)(self._check_uncached)

    def status(self, answer: StoredAnswer) -> str:
        """Return the status of ``answer``: recomputed if its notebook has a key file."""
        return self._check(answer.notebook, answer.question, _canonical(answer.answer))[0] or (
            answer.status
        )

    def describe(self, answer: StoredAnswer) -> str:
        """Return the answer as text, as the student gave it."""
        described = self._check(answer.notebook, answer.question, _canonical(answer.answer))[1]
        return described if described is not None else _plain(answer.answer)

    def _check_uncached(self, notebook: str, question: str, answer: str) -> tuple[str, str | None]:
        keyset = self.keys.get(notebook)
        q = keyset.questions.get(question) if keyset else None
        if q is None:
            return "", None
        value = json.loads(answer)
        try:
            status = q.check(value).status
        except Exception:  # a check must never stop the dashboard
            status = "invalid"
        try:
            described = q.describe_answer(value)
        except Exception:
            described = _plain(value)
        return status, described

    def questions(self, notebook: str) -> dict[str, Any]:
        """Return the key file's questions of ``notebook`` (empty without a key file)."""
        keyset = self.keys.get(notebook)
        return dict(keyset.questions) if keyset else {}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else _canonical(value)


def class_view(store: Store, verdicts: Verdicts) -> dict[str, Any]:
    """Return everything the dashboard shows, as JSON-able data.

    Returns
    -------
    dict
        ``version`` (changes whenever an answer or a mark arrives), ``students``,
        ``refused`` and ``sets``: one entry per exercise set with who started and
        finished and, per question, the spread of verdicts and the commonest wrong answers.
    """
    latest = store.latest()
    by_set: dict[str, list[StoredAnswer]] = defaultdict(list)
    for answer in latest:
        by_set[answer.notebook].append(answer)
    notebooks = sorted(set(by_set) | set(verdicts.keys))
    return {
        "version": store.last_seq(),
        "students": len({a.user for a in latest}),
        "refused": store.refusals(),
        "sets": [_set_view(n, by_set.get(n, []), verdicts) for n in notebooks],
    }


def _set_view(notebook: str, answers: list[StoredAnswer], verdicts: Verdicts) -> dict[str, Any]:
    known = verdicts.questions(notebook)
    order = list(known) + sorted({a.question for a in answers} - set(known))
    answered: dict[str, set[str]] = defaultdict(set)
    for a in answers:
        answered[a.user].add(a.question)
    total = len(known) or None
    finished = sorted(u for u, qs in answered.items() if total and len(qs & set(known)) >= total)
    questions = []
    for qid in order:
        mine = [a for a in answers if a.question == qid]
        spread = Counter(verdicts.status(a) for a in mine)
        wrong = Counter(verdicts.describe(a) for a in mine if verdicts.status(a) in WRONG)
        q = known.get(qid)
        questions.append(
            {
                "id": qid,
                "kind": q.kind if q is not None else (mine[0].kind if mine else ""),
                "prompt": q.prompt if q is not None else "",
                "answered": len(mine),
                "correct": spread["correct"],
                "partial": spread["partial"],
                "wrong": sum(spread[s] for s in WRONG),
                "recorded": spread["recorded"],
                "common_wrong": [
                    {"answer": text, "count": n} for text, n in wrong.most_common(COMMON_WRONG)
                ],
            }
        )
    return {
        "notebook": notebook,
        "total_questions": total,
        "started": sorted(answered),
        "finished": finished,
        "questions": questions,
    }


def student_record(store: Store, verdicts: Verdicts, user: str) -> dict[str, Any]:
    """Return one student's whole record: every question they answered, latest answer first."""
    attempts = store.attempts(user)
    marks = store.marks(user)
    sets: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in store.latest(user):
        mark = marks.get((a.user, a.notebook, a.question))
        sets[a.notebook].append(
            {
                "question": a.question,
                "kind": a.kind,
                "answer": verdicts.describe(a),
                "status": verdicts.status(a),
                "attempts": attempts.get((a.user, a.notebook, a.question), 0),
                "saved_at": a.saved_at,
                "mark": _mark(mark),
            }
        )
    return {
        "user": user,
        "answers": sum(attempts.values()),
        "sets": [{"notebook": n, "questions": qs} for n, qs in sorted(sets.items())],
    }


def reflections(store: Store) -> list[dict[str, Any]]:
    """Return every student's latest answer to every reflection question, with its mark."""
    marks = store.marks()
    rows = []
    for a in store.latest():
        if a.kind != "reflection":
            continue
        text = a.answer if isinstance(a.answer, str) else _plain(a.answer)
        rows.append(
            {
                "user": a.user,
                "notebook": a.notebook,
                "question": a.question,
                "text": text,
                "words": count_words(text),
                "saved_at": a.saved_at,
                "mark": _mark(marks.get((a.user, a.notebook, a.question))),
            }
        )
    return rows


def _mark(mark: Mark | None) -> dict[str, str] | None:
    if mark is None:
        return None
    return {"mark": mark.mark, "note": mark.note, "by": mark.marked_by, "at": mark.marked_at}
