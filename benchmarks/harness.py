"""Shared helpers for the benchmark scripts: timing and the result row."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    """One benchmark figure with its budget."""

    name: str
    value: float
    unit: str
    budget: str
    within_budget: bool
    note: str = ""


def timings(func: Callable[[], object], repeat: int = 20, warmup: int = 1) -> list[float]:
    """Call ``func`` ``repeat`` times (after ``warmup`` calls) and return seconds per call."""
    for _ in range(warmup):
        func()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def median(values: list[float]) -> float:
    """Return the median of ``values``."""
    return statistics.median(values)


def percentile(values: list[float], q: float) -> float:
    """Return the ``q``-th percentile (0-100) of ``values`` by nearest rank."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def fresh_process_seconds(code: str, repeat: int = 7) -> list[float]:
    """Time ``python -c code`` in fresh interpreters; return wall seconds per run."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        out.append(time.perf_counter() - start)
    return out
