"""Lint, format and types are part of the test command: any finding fails the suite.

ruff (``[tool.ruff]`` in pyproject.toml: the rules, McCabe complexity at most 10, notebooks
and Markdown left out) checks and format-checks every Python file of the repository;
mypy (``[tool.mypy]``) type-checks ``casekit/``. Run by ``make check`` and ``make test``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.lint


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check_finds_nothing():
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_changes_nothing():
    result = run("ruff", "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_error():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_library_says_it_is_typed():
    assert (ROOT / "casekit" / "py.typed").is_file()
