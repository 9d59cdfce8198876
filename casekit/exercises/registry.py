"""Question kinds by name, and rebuilding a question from its JSON definition."""

from __future__ import annotations

from typing import Any

from casekit.exercises.arrange import Categorize, Order
from casekit.exercises.base import Question
from casekit.exercises.choice import MultipleSelect, SingleChoice
from casekit.exercises.opinion import Rating, Reflection
from casekit.exercises.values import CodeCheck, Numeric, ShortText

KINDS: dict[str, type[Question]] = {
    cls.kind: cls
    for cls in (
        SingleChoice,
        MultipleSelect,
        Categorize,
        Order,
        Numeric,
        ShortText,
        CodeCheck,
        Rating,
        Reflection,
    )
}


def question_from_spec(spec: dict[str, Any]) -> Question:
    """Rebuild a question from :meth:`Question.spec` output.

    Raises
    ------
    ValueError
        If the kind is unknown or the definition is inconsistent.
    """
    if not isinstance(spec, dict) or spec.get("kind") not in KINDS:
        raise ValueError(
            f"unknown question kind {spec.get('kind') if isinstance(spec, dict) else spec!r}"
        )
    params = {k: v for k, v in spec.items() if k != "kind"}
    try:
        return KINDS[spec["kind"]](**params)
    except TypeError as exc:
        raise ValueError(f"question {spec.get('id')!r}: {exc}") from None
