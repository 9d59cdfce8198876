"""Checks that several question kinds share: option lists and per-option feedback."""

from __future__ import annotations

from typing import Any


def check_options(options: Any, question_id: str) -> tuple[str, ...]:
    """Return ``options`` as a tuple of 2-26 distinct strings, or raise ``ValueError``."""
    if isinstance(options, str) or not hasattr(options, "__iter__"):
        raise ValueError(f"question {question_id!r}: options must be a list of strings")
    out = tuple(str(o) for o in options)
    if len(out) < 2:
        raise ValueError(f"question {question_id!r}: give at least two options")
    if len(set(out)) != len(out):
        raise ValueError(f"question {question_id!r}: options must be distinct")
    if len(out) > 26:
        raise ValueError(f"question {question_id!r}: at most 26 options")
    return out


def feedback_map(feedback: Any, options: tuple[str, ...], question_id: str) -> dict[str, str]:
    """Return ``{option: message}`` checked against ``options`` (empty when ``None``)."""
    if feedback is None:
        return {}
    if not isinstance(feedback, dict):
        raise ValueError(f"question {question_id!r}: feedback must map options to messages")
    unknown = [k for k in feedback if k not in options]
    if unknown:
        raise ValueError(f"question {question_id!r}: feedback for unknown options {unknown}")
    return {str(k): str(v) for k, v in feedback.items()}
