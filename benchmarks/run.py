"""Run every ``benchmarks/bench_*.py`` and write ``benchmarks/results.md``."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import Measurement  # noqa: E402


def load_module(path: Path):
    """Import a benchmark script by path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def format_value(m: Measurement) -> str:
    """Return the figure with its unit, three significant digits."""
    return f"{m.value:.3g} {m.unit}".strip()


def previous_sections(path: Path) -> dict[str, str]:
    """Return the sections of an earlier results.md, keyed by benchmark name."""
    if not path.is_file():
        return {}
    sections = {}
    for block in path.read_text().split("\n## ")[1:]:
        sections[block.split(":", 1)[0]] = "## " + block.strip()
    return sections


def main(argv: list[str]) -> int:
    """Run the benchmarks named in ``argv`` (default: all) and update results.md."""
    only = set(argv)
    results = HERE / "results.md"
    sections = previous_sections(results)
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        print(f"running {path.name} ...", flush=True)
        module = load_module(path)
        rows: list[Measurement] = module.run()
        doc = (module.__doc__ or path.stem).strip().splitlines()[0]
        lines = [
            f"## {path.stem}: {doc}",
            "",
            "| measure | figure | budget | holds | note |",
            "|---|---|---|---|---|",
        ]
        for m in rows:
            holds = "yes" if m.within_budget else "**no**"
            lines.append(f"| {m.name} | {format_value(m)} | {m.budget} | {holds} | {m.note} |")
            print(f"  {m.name}: {format_value(m)} (budget {m.budget}: {holds})")
        sections[path.stem] = "\n".join(lines)
    header = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (last run {dt.date.today().isoformat()}, Python "
        f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores).",
        "Ratios are measured in one run against a baseline measured in the same run.",
        "`python benchmarks/run.py bench_data` reruns one section and keeps the others.",
        "",
    ]
    body = "\n\n".join(sections[name] for name in sorted(sections))
    results.write_text("\n".join(header) + "\n" + body + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
