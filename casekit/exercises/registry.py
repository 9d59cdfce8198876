"""Question kinds by name, and rebuilding a question from its JSON definition.

Kept for imports that predate :mod:`casekit.exercises.kinds`, which is the registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casekit.exercises.kinds import question_from_spec

if TYPE_CHECKING:  # pragma: no cover
    from casekit.exercises.base import Question

__all__ = ["question_from_spec"]  # and KINDS, a fresh view of the registry


def __getattr__(name: str) -> Any:
    if name == "KINDS":  # a fresh view of the registry, kinds registered later included
        from casekit.exercises.kinds import kinds

        table: dict[str, type[Question]] = kinds()
        return table
    raise AttributeError(f"module 'casekit.exercises.registry' has no attribute {name!r}")
