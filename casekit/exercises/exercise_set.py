"""An exercise notebook's questions, bound to its answer ledger.

``ExerciseSet("01_almaty_meeting")`` names the notebook explicitly (a kernel cannot always
know its notebook's path). Questions made through it save every submitted answer to the
ledger, restore the last one when they are displayed again, count attempts, and feed
:meth:`ExerciseSet.progress` and :meth:`ExerciseSet.export`.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import Any

from casekit._version import version
from casekit.exercises import submission
from casekit.exercises.arrange import Categorize, Order
from casekit.exercises.base import Question, check_id
from casekit.exercises.choice import MultipleSelect, SingleChoice
from casekit.exercises.feedback import Feedback, hide_in_voila
from casekit.exercises.keys import NOTICE, fingerprint
from casekit.exercises.ledger import Ledger, ledger_path, now_utc
from casekit.exercises.opinion import Rating, Reflection
from casekit.exercises.panel import Progress
from casekit.exercises.values import CodeCheck, Numeric, ShortText

#: The most recent ExerciseSet per notebook id in this process (used by ``casekit editions``).
REGISTRY: dict[str, ExerciseSet] = {}
MAX_RECORD_CHARS = 100_000


class ExerciseSet:
    """The questions of one exercise notebook and where their answers are kept.

    Parameters
    ----------
    notebook : str
        The notebook's id, normally its file name without ``.ipynb``.
    title : str
        Shown in the progress panel.
    answers_dir : str or Path, optional
        Folder for the ledger; default ``$CASEKIT_ANSWERS_DIR`` or ``./.casekit``.

    Notes
    -----
    Answer keys in student editions are obfuscated for self-checking only; they are not
    a secret and not a grade.
    """

    notice = NOTICE

    def __init__(
        self,
        notebook: str,
        *,
        title: str = "",
        answers_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.notebook = check_id(
            notebook.lower() if isinstance(notebook, str) else notebook, "notebook id"
        )
        self.title = title or notebook
        self._answers_dir = answers_dir
        self.questions: dict[str, Question] = {}
        self._ledger: Ledger | None = None
        self._ledger_for: Path | None = None
        self.session = uuid.uuid4().hex[:12]
        self.results: dict[str, Feedback] = {}
        REGISTRY[self.notebook] = self
        hide_in_voila()  # a Voilà app shows the widgets, not the code cells' feedback lines

    def __repr__(self) -> str:
        return f"ExerciseSet({self.notebook!r}, {len(self.questions)} questions)"

    # -- questions ---------------------------------------------------------------------
    def add(self, question: Question) -> Question:
        """Add ``question`` (re-running a definition replaces the earlier one) and return it."""
        question._set = self
        self.questions[question.id] = question
        return question

    def __getitem__(self, question_id: str) -> Question:
        try:
            return self.questions[question_id]
        except KeyError:
            raise KeyError(
                f"no question {question_id!r} in {self.notebook!r}; known: {sorted(self.questions)}"
            ) from None

    def __iter__(self) -> Any:
        return iter(self.questions.values())

    def __len__(self) -> int:
        return len(self.questions)

    def single_choice(
        self, id: str, prompt: str, options: list[str], **kwargs: Any
    ) -> SingleChoice:
        """Add a :class:`~casekit.exercises.choice.SingleChoice` question."""
        return self.add(SingleChoice(id, prompt, options, **kwargs))  # type: ignore[return-value]

    def multiple_select(
        self, id: str, prompt: str, options: list[str], **kwargs: Any
    ) -> MultipleSelect:
        """Add a :class:`~casekit.exercises.choice.MultipleSelect` question."""
        return self.add(MultipleSelect(id, prompt, options, **kwargs))  # type: ignore[return-value]

    def categorize(
        self, id: str, prompt: str, items: list[str], categories: list[str], **kwargs: Any
    ) -> Categorize:
        """Add a :class:`~casekit.exercises.arrange.Categorize` question."""
        return self.add(Categorize(id, prompt, items, categories, **kwargs))  # type: ignore[return-value]

    def order(self, id: str, prompt: str, items: list[str], **kwargs: Any) -> Order:
        """Add an :class:`~casekit.exercises.arrange.Order` question."""
        return self.add(Order(id, prompt, items, **kwargs))  # type: ignore[return-value]

    def numeric(self, id: str, prompt: str, **kwargs: Any) -> Numeric:
        """Add a :class:`~casekit.exercises.values.Numeric` question."""
        return self.add(Numeric(id, prompt, **kwargs))  # type: ignore[return-value]

    def short_text(self, id: str, prompt: str, **kwargs: Any) -> ShortText:
        """Add a :class:`~casekit.exercises.values.ShortText` question."""
        return self.add(ShortText(id, prompt, **kwargs))  # type: ignore[return-value]

    def code_check(self, id: str, prompt: str, **kwargs: Any) -> CodeCheck:
        """Add a :class:`~casekit.exercises.values.CodeCheck` question."""
        return self.add(CodeCheck(id, prompt, **kwargs))  # type: ignore[return-value]

    def rating(self, id: str, prompt: str, areas: list[str], **kwargs: Any) -> Rating:
        """Add a :class:`~casekit.exercises.opinion.Rating` question."""
        return self.add(Rating(id, prompt, areas, **kwargs))  # type: ignore[return-value]

    def reflection(self, id: str, prompt: str, **kwargs: Any) -> Reflection:
        """Add a :class:`~casekit.exercises.opinion.Reflection` question."""
        return self.add(Reflection(id, prompt, **kwargs))  # type: ignore[return-value]

    # -- answers -----------------------------------------------------------------------
    @property
    def ledger_path(self) -> Path:
        """The ledger file (resolved now, so a changed ``CASEKIT_ANSWERS_DIR`` is honoured)."""
        return ledger_path(self.notebook, self._answers_dir)

    @property
    def ledger(self) -> Ledger:
        """The :class:`~casekit.exercises.ledger.Ledger` holding this notebook's answers."""
        path = self.ledger_path
        if self._ledger is None or self._ledger_for != path:
            self._ledger = Ledger(path)
            self._ledger_for = path
        return self._ledger

    def _note(self, question_id: str, feedback: Feedback) -> None:
        self.results[question_id] = feedback

    def submit(self, question: Question | str, answer: Any) -> Feedback:
        """Check ``answer``, append it to the ledger, and return the feedback.

        Blank answers are checked but not recorded. If the ledger cannot be written, the
        feedback says so (``saved=False``) instead of raising, so no work is silently lost.
        """
        q = self[question] if isinstance(question, str) else question
        feedback = q.check(answer)
        if not feedback.answered:
            return feedback
        contents = self.ledger.read()
        attempt = contents.attempts().get(q.id, 0) + 1
        try:
            form = q.record_form(answer)
        except ValueError:
            form = {"unrecordable": type(answer).__name__}
        if len(repr(form)) > MAX_RECORD_CHARS:
            form = {"too_large": type(answer).__name__}
        record = {
            "notebook": self.notebook,
            "question": q.id,
            "kind": q.kind,
            "answer": form,
            "status": feedback.status,
            "score": feedback.score,
            "attempt": attempt,
            "session": self.session,
        }
        try:
            self.ledger.append(record)
            feedback = feedback.with_(saved=True, attempt=attempt)
        except OSError as exc:
            feedback = feedback.with_(saved=False, attempt=attempt, save_error=str(exc))
        if q.autograded and not feedback.correct and attempt >= q.max_attempts and q.explanation:
            feedback = feedback.with_(explanation=q.explanation)
        self._note(q.id, feedback)
        if q._view is not None:
            # A broken frontend must never lose the answer, which is already saved.
            with contextlib.suppress(Exception):
                q._view.show(feedback)
        return feedback

    def last_record(self, question_id: str) -> dict[str, Any] | None:
        """Return the last ledger record for ``question_id``, or None."""
        return self.ledger.read().latest().get(question_id)

    def attempts(self, question_id: str) -> int:
        """Return how many answers to ``question_id`` are on record."""
        return self.ledger.read().attempts().get(question_id, 0)

    def restore(self, question_id: str) -> tuple[Any, Feedback] | None:
        """Return the last recorded answer and its feedback, recomputed now; None if none."""
        record = self.last_record(question_id)
        if record is None:
            return None
        q = self[question_id]
        feedback = q.check(record.get("answer"))
        feedback = feedback.with_(saved=True, attempt=record.get("attempt"))
        if q.autograded and not feedback.correct and (record.get("attempt") or 0) >= q.max_attempts:
            feedback = feedback.with_(explanation=q.explanation)
        return record.get("answer"), feedback

    # -- summaries ---------------------------------------------------------------------
    def progress(self) -> Progress:
        """Return answered / correct / total and when the last answer was saved."""
        contents = self.ledger.read()
        latest = {k: v for k, v in contents.latest().items() if k in self.questions}
        correct = 0
        for qid, record in latest.items():
            q = self.questions[qid]
            if q.autograded and q.check(record.get("answer")).correct:
                correct += 1
        saved = max((r.get("saved_at", "") for r in latest.values()), default=None)
        return Progress(
            notebook=self.notebook,
            total=len(self.questions),
            answered=len(latest),
            autograded=sum(1 for q in self.questions.values() if q.autograded),
            correct=correct,
            last_saved=saved or None,
            ledger=self.ledger_path,
            skipped_lines=len(contents.problems),
        )

    def public_specs(self) -> list[dict[str, Any]]:
        """Return every question's definition without its key (what the fingerprint covers)."""
        return [q.spec(include_key=False) for q in self.questions.values()]

    @property
    def fingerprint(self) -> str:
        """A short hash of the questions' public definitions."""
        return fingerprint(self.public_specs())

    def keys_document(self) -> dict[str, Any]:
        """Return the instructor's key file content for this notebook (plain answers)."""
        return {
            "format": "casekit-keys",
            "format_version": 1,
            "notebook": self.notebook,
            "title": self.title,
            "questions_fingerprint": self.fingerprint,
            "questions": [q.spec(include_key=True) for q in self.questions.values()],
        }

    def export(self, student: str, path: str | os.PathLike[str] | None = None) -> Path:
        """Write one submission file with the last answer to every question.

        Parameters
        ----------
        student : str
            The student's id (1-64 letters, digits, ``_ . @ + -``).
        path : str or Path, optional
            Where to write; default ``<notebook>.<student>.submission.json`` in the
            current folder.

        Returns
        -------
        Path
            The file written (atomically: a crash never leaves half a file).
        """
        submission.check_student_id(student)
        contents = self.ledger.read()
        latest = contents.latest()
        attempts = contents.attempts()
        answers = {
            qid: {
                "answer": latest[qid].get("answer"),
                "saved_at": latest[qid].get("saved_at"),
                "attempts": attempts.get(qid, 0),
            }
            for qid in self.questions
            if qid in latest
        }
        document = submission.build(
            student=student,
            notebook=self.notebook,
            fingerprint=self.fingerprint,
            casekit_version=version(),
            exported_at=now_utc(),
            answers=answers,
        )
        target = (
            Path(path) if path is not None else Path(f"{self.notebook}.{student}.submission.json")
        )
        return submission.write(document, target)


def progress(notebook: str | None = None) -> Progress:
    """Return the progress of an exercise set in this kernel.

    Parameters
    ----------
    notebook : str, optional
        The exercise set's id, e.g. ``"01_almaty_meeting"``; by default the set created last.

    Returns
    -------
    Progress
        Answered, correct and total questions, and when the last answer was saved.

    Raises
    ------
    LookupError
        If no exercise set has been created in this kernel yet.
    """
    if not REGISTRY:
        raise LookupError("no ExerciseSet has been created in this kernel yet")
    if notebook is None:
        return list(REGISTRY.values())[-1].progress()
    return REGISTRY[notebook].progress()
