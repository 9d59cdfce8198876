"""Run every ``benchmarks/bench_*.py`` and write ``benchmarks/results.md``."""

from __future__ import annotations

import datetime as dt
import importlib.util
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import Measurement  # noqa: E402


def load_module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def format_value(m: Measurement) -> str:
    return f"{m.value:.3g} {m.unit}".strip()


def main(argv: list[str]) -> int:
    only = set(argv)
    sections = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        print(f"running {path.name} ...", flush=True)
        rows: list[Measurement] = load_module(path).run()
        doc = (load_module(path).__doc__ or path.stem).strip().splitlines()[0]
        lines = [f"## {path.stem}: {doc}", "", "| measure | figure | budget | holds | note |",
                 "|---|---|---|---|---|"]
        for m in rows:
            holds = "yes" if m.within_budget else "**no**"
            lines.append(f"| {m.name} | {format_value(m)} | {m.budget} | {holds} | {m.note} |")
            print(f"  {m.name}: {format_value(m)} (budget {m.budget}: {holds})")
        sections.append("\n".join(lines))
    header = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {dt.date.today().isoformat()}: Python "
        f"{platform.python_version()} on {platform.machine()}, {platform.system()}.",
        "Ratios are measured in one run against a baseline measured in the same run.",
        "",
    ]
    (HERE / "results.md").write_text("\n".join(header) + "\n\n".join(sections) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
