"""The registry of question kinds: the one list that factories, views, editions and grading read.

Each kind is one module here defining a :class:`~casekit.exercises.base.Question`
subclass: how it checks an answer (``_check``), what its definition holds (``_params``,
``_key_fields``), its widget controls (``build_controls``) and, for collected kinds, how a
class's answers are summarised (``class_view``, ``collected_text``). From this registry:

- :class:`~casekit.exercises.ExerciseSet` gets one factory method per kind
  (``ex.single_choice(...)``; the name is the class's ``factory()``);
- ``casekit.exercises`` exports every kind's class by name;
- ``casekit editions`` seals the keys of every factory and class call;
- ``casekit grade`` rebuilds questions from key files (:func:`question_from_spec`).

Adding a kind is one new module and one line in :data:`BUILTIN`; a kind defined elsewhere
(a course's own package, a test) is added with :func:`register`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from casekit.exercises.base import Question

#: The kinds casekit ships: class name -> the module that defines it (one line per kind).
BUILTIN: dict[str, str] = {
    "SingleChoice": "casekit.exercises.kinds.single_choice",
    "MultipleSelect": "casekit.exercises.kinds.multiple_select",
    "Categorize": "casekit.exercises.kinds.categorize",
    "Order": "casekit.exercises.kinds.order",
    "Numeric": "casekit.exercises.kinds.numeric",
    "ShortText": "casekit.exercises.kinds.short_text",
    "CodeCheck": "casekit.exercises.kinds.code_check",
    "Rating": "casekit.exercises.kinds.rating",
    "Reflection": "casekit.exercises.kinds.reflection",
}

KindListener = Callable[["type[Question]"], None]

_KINDS: dict[str, type[Question]] = {}
_LISTENERS: list[KindListener] = []
_loaded = False


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for class_name, module in BUILTIN.items():
        register(getattr(importlib.import_module(module), class_name))


def register(cls: type[Question]) -> type[Question]:
    """Add a question kind (a :class:`~casekit.exercises.base.Question` subclass).

    Every :class:`~casekit.exercises.ExerciseSet` gets its factory method at once, and
    editions, views and grading know it. Usable as a class decorator.

    Raises
    ------
    ValueError
        If the class has no ``kind``, or another class already has its kind or factory name.
    """
    from casekit.exercises.base import Question, check_id

    if not isinstance(cls, type) or not issubclass(cls, Question):
        raise ValueError(f"{cls!r} is not a Question subclass")
    check_id(cls.kind, "question kind")
    if not cls.factory().isidentifier():
        raise ValueError(f"{cls.__name__}: factory name {cls.factory()!r} is not an identifier")
    _load_builtin()
    for other in _KINDS.values():
        same = other.kind == cls.kind or other.factory() == cls.factory()
        if same and other is not cls:
            raise ValueError(
                f"{cls.__name__}: kind {cls.kind!r} or factory {cls.factory()!r} "
                f"is already taken by {other.__name__}"
            )
    _KINDS[cls.kind] = cls
    for listener in _LISTENERS:
        listener(cls)
    return cls


def on_register(listener: KindListener) -> None:
    """Call ``listener(cls)`` for every kind registered now and later."""
    _load_builtin()
    _LISTENERS.append(listener)
    for cls in list(_KINDS.values()):
        listener(cls)


def kinds() -> dict[str, type[Question]]:
    """Return every registered kind, by its ``kind`` id."""
    _load_builtin()
    return dict(_KINDS)


def kind_class(kind: str) -> type[Question]:
    """Return the class of ``kind``.

    Raises
    ------
    ValueError
        If no such kind is registered.
    """
    _load_builtin()
    if not isinstance(kind, str) or kind not in _KINDS:
        raise ValueError(f"unknown question kind {kind!r}")
    return _KINDS[kind]


def call_names() -> frozenset[str]:
    """Return the names that create a question in code: factory methods and class names."""
    _load_builtin()
    return frozenset(n for cls in _KINDS.values() for n in (cls.factory(), cls.__name__))


def question_from_spec(spec: dict[str, Any]) -> Question:
    """Rebuild a question from :meth:`Question.spec` output.

    Raises
    ------
    ValueError
        If the kind is unknown or the definition is inconsistent.
    """
    if not isinstance(spec, dict):
        raise ValueError(f"unknown question kind {spec!r}")
    cls = kind_class(spec.get("kind"))  # type: ignore[arg-type]
    params = {k: v for k, v in spec.items() if k != "kind"}
    try:
        return cls(**params)
    except TypeError as exc:
        raise ValueError(f"question {spec.get('id')!r}: {exc}") from None
