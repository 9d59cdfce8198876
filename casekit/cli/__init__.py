"""The ``casekit`` command line: one sub-command per job, each defined next to its code.

Each entry of :data:`COMMANDS` names a module that exposes ``register(subparsers)``;
that function adds its sub-parser and sets ``func`` (called with the parsed arguments,
returning an exit code). Keeping the wiring here and the work in the modules keeps
``import casekit`` free of argparse and of every heavy dependency.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from casekit._version import version

if TYPE_CHECKING:  # pragma: no cover
    from casekit.package.problems import ValidationError

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
    """Run the ``casekit`` command and return its exit code.

    Bad input never ends in a traceback: the errors casekit raises on purpose (a case
    that does not validate, an output it cannot write, a path it refuses) and the
    operating system's (a file that cannot be read or written) become one line on
    stderr, ``casekit COMMAND: what is wrong, and where``, and exit code 1. Anything
    else is a bug in casekit and keeps its traceback.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # `casekit ... > /dev/full` fails here, not at exit
    except KeyboardInterrupt:
        print(f"casekit {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away, e.g. `casekit validate | head -1`
        _silence_stdout()
        return 0
    except Exception as error:  # only the kinds one_line() knows; the rest re-raised
        message = one_line(error)
        if message is None:
            raise
        if isinstance(error, OSError):
            _silence_stdout()
        print(f"casekit {args.command}: {message}", file=sys.stderr)
        return 1
    return code


def one_line(error: BaseException) -> str | None:
    """Return the one-line message for an error casekit reports, or None for a bug.

    Parameters
    ----------
    error : BaseException
        What a command raised.

    Returns
    -------
    str or None
        For a :class:`~casekit.package.problems.ValidationError` its only problem, or
        how many there are and the first; for an ``OSError`` the file and the reason; for
        casekit's own errors (``ValueError`` subclasses defined in casekit) their message.
        ``None`` for anything else.
    """
    from casekit.package.problems import ValidationError

    if isinstance(error, ValidationError):
        return _problems_line(error)
    if isinstance(error, OSError):
        if error.filename is None:  # a stream: stdout, when it is a full disk or closed
            return f"cannot write the output: {error.strerror or error}"
        return f"cannot read or write {error.filename}: {error.strerror or error}"
    if isinstance(error, ValueError) and type(error).__module__.startswith("casekit."):
        return "; ".join(line.strip() for line in str(error).splitlines() if line.strip())
    return None


def _problems_line(error: ValidationError) -> str:
    problems = error.problems
    first = problems[0]
    text = f"{first.message} ({first.hint})" if first.hint else first.message
    if len(problems) == 1:
        return text if first.table == "datapackage.json" else f"{first.location()}: {text}"
    where = first.path.rsplit("/", 1)[0] if first.path else "the case"
    return f"{len(problems)} problems in {where}; first: {first}. `casekit validate` lists them all"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
