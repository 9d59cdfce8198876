"""The course under nbval: the whole module against notebooks that only import.

Both runs use the same runner (`pytest --nbval` with the project's settings) on the same
number of notebooks. The baseline notebooks hold one cell that imports what a lesson needs
(pandas, altair, casekit) and calls `casekit.setup()`, so the ratio is what the lessons'
content costs on top of kernel start and imports. The two runs alternate for a few rounds
and the ratio reported is the median of the rounds' ratios: a single pair moved by several
tenths with machine noise (1.44 and 1.51 on two quiet runs).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Measurement, median

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 1.5
ROUNDS = 3


def module_notebooks() -> list[Path]:
    """Every notebook that `make test` runs under nbval."""
    return sorted(
        [
            *ROOT.glob("notebooks/*.ipynb"),
            *ROOT.glob("exercises/*.ipynb"),
            *ROOT.glob("exercises/solutions/*.ipynb"),
        ]
    )


def write_baseline(folder: Path, count: int) -> list[Path]:
    import nbformat

    paths = []
    for n in range(count):
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_code_cell("import pandas, altair, casekit\nprint(casekit.setup())")
        ]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        path = folder / f"baseline_{n:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def nbval_seconds(paths: list[Path]) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pyproject.toml"),
            *map(str, paths),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-2000:])
    return elapsed


def run() -> list[Measurement]:
    notebooks = module_notebooks()
    bases, modules = [], []
    with tempfile.TemporaryDirectory() as tmp:
        baseline = write_baseline(Path(tmp), len(notebooks))
        for _ in range(ROUNDS):
            bases.append(nbval_seconds(baseline))
            modules.append(nbval_seconds(notebooks))
    ratios = [m / b for m, b in zip(modules, bases, strict=True)]
    ratio = median(ratios)
    rounds = ", ".join(f"{r:.2f}" for r in ratios)
    return [
        Measurement(
            f"nbval, {len(notebooks)} baseline notebooks (import + setup only)",
            median(bases),
            "s",
            "baseline",
            True,
            f"median of {ROUNDS} rounds",
        ),
        Measurement(
            f"nbval, the module's {len(notebooks)} notebooks",
            median(modules),
            "s",
            "-",
            True,
            f"median of {ROUNDS} rounds",
        ),
        Measurement(
            "module / baseline",
            ratio,
            "x",
            f"<= {BUDGET}",
            ratio <= BUDGET,
            f"median of the rounds' ratios ({rounds})",
        ),
    ]
