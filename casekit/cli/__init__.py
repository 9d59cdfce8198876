"""The ``casekit`` command line: one sub-command per job, each defined next to its code.

Each entry of :data:`COMMANDS` names a module that exposes ``register(subparsers)``;
that function adds its sub-parser and sets ``func`` (called with the parsed arguments,
returning an exit code). Keeping the wiring here and the work in the modules keeps
``import casekit`` free of argparse and of every heavy dependency.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from casekit._version import version

COMMANDS: tuple[str, ...] = (
    "casekit.cli.data",
    "casekit.cli.exercises",
    "casekit.cli.research",
    "casekit.cli.charts",
    "casekit.cli.course",
)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="casekit",
        description="Data, charts and exercises on Central Asia–China diplomacy.",
    )
    parser.add_argument("--version", action="version", version=f"casekit {version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``casekit`` command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
