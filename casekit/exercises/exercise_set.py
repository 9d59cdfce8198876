"""An exercise notebook's questions, bound to its answer ledger.

``ExerciseSet("01_almaty_meeting")`` names the notebook explicitly (a kernel cannot always
know its notebook's path). Questions made through it save every submitted answer to the
ledger, restore the last one when they are displayed again, count attempts, and feed
:meth:`ExerciseSet.progress` and :meth:`ExerciseSet.export`.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit._version import version
from casekit.exercises import kinds, submission
from casekit.exercises.base import Question, check_id
from casekit.exercises.feedback import Feedback, hide_in_voila, in_voila
from casekit.exercises.keys import NOTICE, fingerprint
from casekit.exercises.ledger import Ledger, ledger_path, now_utc
from casekit.exercises.panel import Progress

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
    Questions are added with one method per question kind (``ex.single_choice(...)``,
    ``ex.numeric(...)``...), made from the registry :mod:`casekit.exercises.kinds`, or
    with :meth:`add`. Answer keys in student editions are obfuscated for self-checking
    only; they are not a secret and not a grade.
    """

    notice = NOTICE

    if TYPE_CHECKING:  # the factories below are added from the registry of question kinds

        def __getattr__(self, name: str) -> Callable[..., Question]: ...

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
        self._panels: list[Any] = []  # live progress panels (Voilà), refreshed on each answer
        REGISTRY[self.notebook] = self
        hide_in_voila()  # a Voilà app shows the widgets, not the code cells' feedback lines
        _show_progress_live_in_voila()

    def __repr__(self) -> str:
        return f"ExerciseSet({self.notebook!r}, {len(self.questions)} questions)"

    # -- questions ---------------------------------------------------------------------
    def add(self, question: Question) -> Question:
        """Add ``question`` (re-running a definition replaces the earlier one) and return it."""
        question.bind(self)
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

    def note(self, question_id: str, feedback: Feedback) -> None:
        """Remember the latest feedback for ``question_id`` (what ``results`` holds)."""
        self.results[question_id] = feedback

    def _refresh_panels(self) -> None:
        """Show the current progress in every live panel (Voilà); never raises."""
        if not self._panels:
            return
        with contextlib.suppress(Exception):  # a broken panel must not lose an answer
            value = self.progress().html()
            for panel in self._panels:
                panel.value = value

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
        self.note(q.id, feedback)
        self._refresh_panels()
        view = q.view
        if view is not None:
            # A broken frontend must never lose the answer, which is already saved.
            with contextlib.suppress(Exception):
                view.show(feedback)
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


def _install_factory(cls: type[Question]) -> None:
    """Give ``ExerciseSet`` the method that adds a ``cls`` question (``ex.single_choice``)."""
    name = cls.factory()
    existing = getattr(ExerciseSet, name, None)
    if existing is not None and not getattr(existing, "question_kind", None):
        raise ValueError(f"{cls.__name__}: {name!r} is already an ExerciseSet attribute")

    def factory(self: ExerciseSet, id: str, prompt: str, *args: Any, **kwargs: Any) -> Question:
        return self.add(cls(id, prompt, *args, **kwargs))

    signature = inspect.signature(cls)
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    factory.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[self_param, *signature.parameters.values()], return_annotation=cls.__name__
    )
    factory.__name__ = name
    factory.__qualname__ = f"ExerciseSet.{name}"
    factory.__doc__ = f"Add a :class:`~{cls.__module__}.{cls.__name__}` question and return it."
    factory.question_kind = cls.kind  # type: ignore[attr-defined]
    setattr(ExerciseSet, name, factory)


kinds.on_register(_install_factory)


def _show_progress_live_in_voila() -> None:
    """In a Voilà kernel, display a :class:`Progress` as a panel that follows the answers.

    A Voilà app runs each cell once, when the page opens: the ``ex.progress()`` cell would
    show "0 answered" for ever. There, the progress is displayed as a widget that the
    exercise set updates after every answer. JupyterLab, nbval and scripts are unchanged.
    """
    if not in_voila() or "IPython" not in sys.modules:
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is not None:
        shell.display_formatter.ipython_display_formatter.for_type(Progress, _display_live)


def _display_live(progress: Progress) -> None:
    from IPython.display import display

    panel = progress.widget()
    exercise_set = REGISTRY.get(progress.notebook)
    if exercise_set is not None:
        exercise_set._panels.append(panel)
    display(panel)


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
