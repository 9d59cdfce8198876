"""The common shape of every question: id, prompt, hints, key, check, spec.

A question is a plain Python object. :meth:`Question.check` needs no browser, no widget
and no ledger, so it serves the notebook, the tests and the grader alike. What is secret
in a student edition (``answer``, per-option ``feedback``, ``explanation``) can be given
in plain form or as one obfuscated ``key`` (see :mod:`casekit.exercises.keys`).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from casekit.exercises.feedback import Feedback
from casekit.exercises.keys import canonical_json, seal, unseal
from casekit.exercises.normalise import AnswerError, to_jsonable
from casekit.exercises.protocols import AnswerStore, AnswerView, ControlSet

__all__ = [
    "SEALED_FIELDS",
    "ControlSet",
    "Question",
    "check_id",
    "is_blank",
    "letters",
    "option_index",
]

#: Keyword arguments that give an answer away; student editions seal them into ``key=``.
SEALED_FIELDS: tuple[str, ...] = ("answer", "feedback", "explanation")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def check_id(value: object, what: str = "question id") -> str:
    """Return ``value`` if it is a valid id (lower-case letters, digits, ``_ . -``)."""
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(
            f"{what} {value!r} is not valid: use 1-64 lower-case letters, digits, '_', '.' "
            "or '-', starting with a letter or digit"
        )
    return value


def _jsonable(value: object) -> bool:
    try:
        canonical_json(value)
    except (TypeError, ValueError):
        return False
    return True


def is_blank(answer: object) -> bool:
    """Return whether ``answer`` means "not answered yet" (None, ``...``, empty or blank)."""
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return len(answer) == 0
    return False


class Question:
    """Base class of all question kinds.

    Parameters
    ----------
    id : str
        Stable id, unique in its notebook (lower-case letters, digits, ``_ . -``).
    prompt : str
        The question as the student reads it.
    answer, feedback, explanation
        The key, per-answer feedback naming misconceptions, and the explanation shown once
        the answer is correct or the attempts are used up. Their form depends on the kind.
    key : str, optional
        The three fields above, sealed by ``casekit editions`` (student editions).
    hints : sequence of str
        Revealed one at a time.
    max_attempts : int
        Attempts before the explanation is shown anyway (the student may keep trying).
    points : float
        Weight in the gradebook.
    title : str, optional
        A short heading; defaults to the id.
    """

    #: The kind's id in specs, ledgers and key files (``"single_choice"``).
    kind: ClassVar[str] = ""
    #: How the kind is named to students (``"single choice"``).
    kind_label: ClassVar[str] = ""
    #: The ``ExerciseSet`` method that adds one; empty means the same as ``kind``.
    factory_name: ClassVar[str] = ""
    #: Scored by ``check``; otherwise collected (status ``recorded``), never graded.
    autograded: ClassVar[bool] = True
    answer_required: ClassVar[bool] = True
    #: Answered by ``ex[id].submit(value)`` in code; the widget only shows the last result.
    answered_in_code: ClassVar[bool] = False
    blank_message: ClassVar[str] = "choose an answer, then check it"

    def __init__(
        self,
        id: str,
        prompt: str,
        *,
        answer: Any = None,
        feedback: Any = None,
        explanation: str | None = None,
        key: str | None = None,
        hints: tuple[str, ...] | list[str] = (),
        max_attempts: int = 3,
        points: float = 1.0,
        title: str | None = None,
    ) -> None:
        self.id = check_id(id)
        if not isinstance(prompt, str) or not prompt.strip():
            raise ValueError(f"question {id!r}: the prompt must be a non-empty string")
        self.prompt = prompt
        self.title = title or id
        self.hints = tuple(str(h) for h in hints)
        if not isinstance(max_attempts, int) or max_attempts < 1:
            raise ValueError(f"question {id!r}: max_attempts must be a positive integer")
        self.max_attempts = max_attempts
        self.points = float(points)
        if key is not None:
            if answer is not None or feedback is not None or explanation is not None:
                raise ValueError(
                    f"question {id!r}: give either key= or answer=/feedback=/explanation=, not both"
                )
            try:
                sealed = unseal(key, id)
            except ValueError as exc:
                raise ValueError(f"question {id!r}: {exc}") from None
            answer = sealed.get("answer")
            feedback = sealed.get("feedback")
            explanation = sealed.get("explanation")
        if answer is None and self.answer_required:
            raise ValueError(f"question {id!r} ({self.kind}) needs answer= (or key=)")
        self._explanation = explanation
        self._store: AnswerStore | None = None
        self._view: AnswerView | None = None
        self._setup_key(answer, feedback)

    # -- to be provided by each kind ---------------------------------------------------
    def _setup_key(self, answer: Any, feedback: Any) -> None:
        raise NotImplementedError

    def _check(self, answer: Any) -> Feedback:
        raise NotImplementedError

    def _params(self) -> dict[str, Any]:
        """Kind-specific public parameters (options, items, units...)."""
        return {}

    def _key_fields(self) -> dict[str, Any]:
        """Return the sealed fields in their plain JSON form."""
        raise NotImplementedError

    def build_controls(self) -> ControlSet:
        """Return the ipywidgets controls for an answer, a getter and a setter.

        Each kind builds its own; ipywidgets is imported only here (when a question is shown).
        """
        raise NotImplementedError(f"{type(self).__name__} has no widget controls")

    def class_view(self, answers: list[Any]) -> str:
        """Summarise the class's answers for the item analysis (collected kinds)."""
        return ""

    def collected_text(self, answer: Any) -> str | None:
        """Return the free text an answer gives the instructor to read, if the kind has one."""
        return None

    # -- where answers go and how the question is shown ----------------------------------
    @classmethod
    def factory(cls) -> str:
        """Return the name of the ``ExerciseSet`` method that adds this kind."""
        return cls.factory_name or cls.kind

    @property
    def check_verb(self) -> str:
        """The label of the button that checks (or records) an answer."""
        if self.answered_in_code:
            return "Show last result"
        return "Check" if self.autograded else "Record"

    def bind(self, store: AnswerStore | None) -> None:
        """Record this question's answers in ``store`` (an :class:`ExerciseSet`), or nowhere."""
        self._store = store

    @property
    def store(self) -> AnswerStore | None:
        """The store this question records answers in, or None."""
        return self._store

    @property
    def view(self) -> AnswerView | None:
        """The view last built for this question (``widget()`` or display), or None."""
        return self._view

    # -- shared behaviour --------------------------------------------------------------
    @property
    def explanation(self) -> str | None:
        """The explanation (revealed after a correct answer or the last attempt)."""
        return self._explanation

    def hint(self, number: int = 1) -> str:
        """Return hint ``number`` (1-based), or a note that there are no more hints."""
        if not self.hints:
            return "There are no hints for this question."
        if number > len(self.hints):
            return f"No more hints (there are {len(self.hints)})."
        return f"Hint {number} of {len(self.hints)}: {self.hints[max(1, number) - 1]}"

    def check(self, answer: Any) -> Feedback:
        """Check ``answer`` and return :class:`Feedback`; saves nothing, needs no widget.

        Blank answers (None, ``...``, empty) give status ``unanswered``; unreadable ones
        give ``invalid`` with the reason; nothing here raises for a student's input.
        """
        if is_blank(answer):
            feedback = Feedback("unanswered", self.blank_message)
        else:
            try:
                feedback = self._check(answer)
            except AnswerError as exc:
                feedback = Feedback("invalid", str(exc))
            if feedback.status in ("correct", "recorded") and self._explanation:
                feedback = feedback.with_(explanation=self._explanation)
        feedback = feedback.with_(question_id=self.id)
        if self._store is not None:
            self._store.note(self.id, feedback)
        return feedback

    def submit(self, answer: Any) -> Feedback:
        """Check ``answer`` and record it in the exercise set's ledger (blank answers are not)."""
        if self._store is None:
            raise RuntimeError(
                f"question {self.id!r} belongs to no ExerciseSet, so there is nowhere to save "
                "answers; use .check(answer) for a check that saves nothing"
            )
        return self._store.submit(self, answer)

    def record_form(self, answer: Any) -> Any:
        """Return the JSON form of ``answer`` that the ledger and submissions store."""
        return to_jsonable(answer)

    def describe_answer(self, answer: Any) -> str:
        """Return a short text for an answer in reports (e.g. the most chosen wrong answer)."""
        try:
            form = self.record_form(answer)
        except (ValueError, TypeError):
            form = answer
        if isinstance(form, str):
            text = form
        elif isinstance(form, list):
            text = ", ".join(str(x) for x in form)
        else:
            text = canonical_json(form).decode() if _jsonable(form) else repr(form)
        return text if len(text) <= 80 else text[:79] + "…"

    def spec(self, *, include_key: bool = True, sealed: bool = False) -> dict[str, Any]:
        """Return the definition as JSON data.

        Parameters
        ----------
        include_key : bool
            Include answer, feedback and explanation.
        sealed : bool
            Give them as one obfuscated ``key`` rather than in plain form.
        """
        out: dict[str, Any] = {"kind": self.kind, "id": self.id, "prompt": self.prompt}
        out.update(self._params())
        out.update(
            {
                "hints": list(self.hints),
                "max_attempts": self.max_attempts,
                "points": self.points,
                "title": self.title,
            }
        )
        if include_key:
            fields = {k: v for k, v in self._key_fields().items() if v is not None}
            if self._explanation is not None:
                fields["explanation"] = self._explanation
            if sealed:
                out["key"] = seal(fields, self.id)
            else:
                out.update(fields)
        return out

    def card(self) -> str:
        """Return a plain-text card: shown where widgets cannot render, compared by nbval."""
        lines = [f"[{self.kind_label}] {self.title}: {self.prompt}"]
        lines += self._card_lines()
        lines.append(f"(Answer with the widget, or in code: {self.code_handle()}.submit(...))")
        return "\n".join(lines)

    def _card_lines(self) -> list[str]:
        return []

    def code_handle(self) -> str:
        """Return how code names this question: ``ex['id']`` in an exercise set."""
        return f"ex[{self.id!r}]" if self._store is not None else "question"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r})"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {}
        try:
            from casekit.exercises.views import build_view
        except ImportError:  # pragma: no cover - ipywidgets missing
            pass
        else:
            view = build_view(self)
            self._view = view
            bundle = dict(view.box._repr_mimebundle_(include=include, exclude=exclude))
        bundle["text/plain"] = self.card()
        return bundle

    def widget(self) -> Any:
        """Build and return the ipywidgets view of this question (restored from the ledger)."""
        from casekit.exercises.views import build_view

        view = build_view(self)
        self._view = view
        return view.box


def option_index(options: tuple[str, ...], value: object, question_id: str) -> int:
    """Find ``value`` among ``options`` by exact text, normalised text or letter (a, b, ...)."""
    from casekit.exercises.normalise import normalise_text

    if isinstance(value, str):
        if value in options:
            return options.index(value)
        folded = normalise_text(value, drop_articles=False)
        for i, option in enumerate(options):
            if normalise_text(option, drop_articles=False) == folded:
                return i
        stripped = value.strip().strip(").").strip().casefold()
        if len(stripped) == 1 and "a" <= stripped <= "z":
            i = ord(stripped) - ord("a")
            if i < len(options):
                return i
    shown = value if not isinstance(value, str) or len(value) <= 40 else value[:39] + "…"
    raise AnswerError(f"{shown!r} is not one of the options of {question_id!r}")


def letters(n: int) -> list[str]:
    """Return ``['a', 'b', ...]`` for ``n`` options."""
    return [chr(ord("a") + i) for i in range(n)]
