"""Every name the code or the docs tell a user to use exists where they say it is.

Docstrings, messages and comments in ``casekit/``, the README, the guides, the lesson
sources and the exercise notebooks name Python objects as dotted paths
(``casekit.charts.describe``, ``casekit.text.read_paragraphs``) and commands as
`` `casekit grade` ``. Each dotted path must import (the longest importable module, then
attributes), and each command must be a sub-command of ``casekit``.
"""

from __future__ import annotations

import argparse
import importlib
import re
from pathlib import Path

import pytest

from casekit.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOTTED = re.compile(r"(?<![\w/.-])casekit(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
COMMAND = re.compile(r"`casekit ([a-z][a-z-]*)")
#: Names the recipes in CONTRIBUTING.md use for what a contributor would create.
EXAMPLES = {"casekit.exercises.kinds.yes_no"}


def sources() -> list[Path]:
    found = [
        *sorted((ROOT / "casekit").rglob("*.py")),
        *sorted((ROOT / "docs").glob("*.md")),
        *sorted((ROOT / "notebooks" / "src").glob("*.md")),
        *sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")),
        *sorted((ROOT / "scripts").glob("*.py")),
    ]
    for name in ("README.md", "CONTRIBUTING.md", "data/README.md"):
        if (ROOT / name).is_file():
            found.append(ROOT / name)
    return found


def resolves(dotted: str) -> bool:
    """Import the longest module prefix of ``dotted``, then look up the rest as attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def mentions(pattern: re.Pattern[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sources():
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            name = match.group(match.lastindex or 0).rstrip(".")
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def subcommands() -> set[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {name for action in actions for name in action.choices}


def test_every_dotted_casekit_name_resolves():
    named = mentions(DOTTED)
    assert len(named) > 20  # the scan finds the names the docs use
    missing = {
        name: sorted(where)
        for name, where in named.items()
        if name not in EXAMPLES and not resolves(name)
    }
    assert not missing, "names that do not exist where the text says:\n" + "\n".join(
        f"  {name}  (in {', '.join(where)})" for name, where in sorted(missing.items())
    )


def test_every_command_the_text_names_exists():
    named = mentions(COMMAND)
    assert {"validate", "grade", "editions"} <= set(named)
    unknown = {name: sorted(where) for name, where in named.items() if name not in subcommands()}
    assert not unknown, f"commands that `casekit --help` does not list: {unknown}"


@pytest.mark.parametrize(
    ("name", "exists"),
    [
        ("casekit.text.read_paragraphs", True),
        ("casekit.charts.timeline_chart", True),
        ("casekit.research.lexicon.Lexicon.matches", True),
        ("casekit.read_paragraphs", False),
        ("casekit.case_path", False),
        ("casekit.charts.no_such_chart", False),
    ],
)
def test_the_resolver_tells_real_names_from_missing_ones(name, exists):
    assert resolves(name) is exists
