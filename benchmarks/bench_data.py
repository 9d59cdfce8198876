"""Import and load: `import casekit` against `import pandas`, and loading every table."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import Measurement, median, timings

ROUNDS = 15


def import_seconds(module: str) -> float:
    """Wall time of one fresh interpreter importing ``module`` (interpreter start excluded)."""
    code = (
        "import time; t = time.perf_counter(); import "
        + module
        + "; print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return float(out)


def synthetic_case(rows: int, folder: Path) -> Path:
    """Write a copy of the shipped case whose events table is padded to ``rows`` rows."""
    from casekit.package.schema import read_package
    from casekit.resources import data_root as builtin_root

    root = builtin_root()
    shutil.copytree(root, folder, ignore=shutil.ignore_patterns("geo", "*.md"))
    events = read_package(root).table("events")
    with open(root / events.path, newline="", encoding="utf-8") as handle:
        header, *body = list(csv.reader(handle))
    id_column = header.index("event_id")
    with open(folder / events.path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)  # the real rows keep their ids: other tables refer to them
        for i in range(rows - len(body)):
            cells = list(body[i % len(body)])
            cells[id_column] = f"evt-{100_000 + i}"
            writer.writerow(cells)
    return folder


def run() -> list[Measurement]:
    # Interleave the two imports so that machine noise hits both alike.
    pandas_times, casekit_times = [], []
    for _ in range(ROUNDS):
        pandas_times.append(import_seconds("pandas"))
        casekit_times.append(import_seconds("casekit"))
    ratio = median(casekit_times) / median(pandas_times)

    import casekit

    load_times = timings(casekit.load, repeat=30)
    validate_times = timings(casekit.validate, repeat=30)
    rows = [
        Measurement(
            "import pandas (fresh process, median)",
            median(pandas_times) * 1000,
            "ms",
            "baseline",
            True,
        ),
        Measurement(
            "import casekit (fresh process, median)", median(casekit_times) * 1000, "ms", "-", True
        ),
        Measurement("import casekit / import pandas", ratio, "x", "<= 1.15", ratio <= 1.15),
        Measurement(
            "casekit.load(): every table, typed (median)",
            median(load_times) * 1000,
            "ms",
            "< 50 ms",
            median(load_times) < 0.050,
        ),
        Measurement(
            "casekit.validate() of the shipped data (median)",
            median(validate_times) * 1000,
            "ms",
            "-",
            True,
        ),
    ]
    return rows + scaling()


def scaling() -> list[Measurement]:
    """casekit.load() (which validates every cell first) on 1,000 to 100,000 event rows."""
    import casekit

    out = []
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 10_000, 100_000):
            folder = synthetic_case(n, Path(tmp) / f"case{n}")
            assert casekit.validate(folder).ok
            seconds[n] = median(timings(lambda folder=folder: casekit.load(folder), repeat=3))
            budget = "< 2 s" if n == 100_000 else "-"
            out.append(
                Measurement(
                    f"load = validate + convert, {n:,} event rows",
                    seconds[n],
                    "s",
                    budget,
                    n != 100_000 or seconds[n] < 2,
                )
            )
    growth = seconds[100_000] / seconds[10_000]
    out.append(
        Measurement(
            "growth from 10,000 to 100,000 rows", growth, "x", "about 10 (linear)", growth < 15
        )
    )
    return out
