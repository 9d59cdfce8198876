"""Build the lesson notebooks (notebooks/01_*.ipynb to 08_*.ipynb) from their sources.

The source of each lesson is a markdown file in ``notebooks/src/`` (the jupytext
"markdown" style): prose is markdown, and every fenced ```` ```python ```` block becomes a
code cell. A new markdown cell starts at each ``## `` heading and at a line holding only
``+++``. The build executes every notebook in a fresh kernel so the committed files carry
their outputs (static SVG charts, no CDN), with deterministic cell ids and no timing
metadata, so that ``pytest --nbval`` compares them run after run.

Usage (from the project root)::

    .venv/bin/python scripts/build_lessons.py            # build and execute all lessons
    .venv/bin/python scripts/build_lessons.py 01 06      # only these lessons
    .venv/bin/python scripts/build_lessons.py --check    # fail if a notebook's cells
                                                         # differ from its source
    .venv/bin/python scripts/build_lessons.py --rerun notebooks/00_start_here.ipynb
                                                         # re-execute a notebook as it is
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks" / "src"
OUT = ROOT / "notebooks"
KERNEL = "python3"
TIMEOUT = 180
FENCE_OPEN = re.compile(r"^```python\s*$")
FENCE_CLOSE = re.compile(r"^```\s*$")
MAX_BYTES = 300_000
FORBIDDEN = ("cdn.jsdelivr", "unpkg.com", "cdnjs.")


def parse(text: str) -> list[tuple[str, str]]:
    """Split a lesson source into ``(kind, source)`` cells, ``kind`` being markdown or code."""
    cells: list[tuple[str, str]] = []
    buf: list[str] = []
    in_code = False

    def flush(kind: str) -> None:
        body = "\n".join(buf).strip("\n")
        if body.strip():
            cells.append((kind, body))
        buf.clear()

    for line in text.splitlines():
        if in_code:
            if FENCE_CLOSE.match(line):
                flush("code")
                in_code = False
            else:
                buf.append(line)
        elif FENCE_OPEN.match(line):
            flush("markdown")
            in_code = True
        elif line.strip() == "+++":
            flush("markdown")
        elif line.startswith("## "):
            flush("markdown")
            buf.append(line)
        else:
            buf.append(line)
    if in_code:
        raise ValueError("a ```python block is not closed")
    flush("markdown")
    return cells


def notebook_from_source(path: Path):
    """Return an unexecuted nbformat notebook built from the source file ``path``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    stem = path.stem
    for number, (kind, body) in enumerate(parse(path.read_text(encoding="utf-8")), 1):
        if kind == "code":
            cell = nbformat.v4.new_code_cell(body)
        else:
            cell = nbformat.v4.new_markdown_cell(body)
        cell["id"] = f"{stem[:2]}-{number:03d}"
        nb.cells.append(cell)
    nb.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": KERNEL,
        },
        "language_info": {"name": "python"},
        "casekit": {
            "source": f"notebooks/src/{path.name}",
            "built_by": "scripts/build_lessons.py",
        },
    }
    return nb


def execute(nb) -> None:
    """Run ``nb`` in place in a fresh kernel started in notebooks/."""
    from nbclient import NotebookClient

    os.environ["CASEKIT_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="casekit-lessons-")
    client = NotebookClient(
        nb,
        timeout=TIMEOUT,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(OUT)}},
        record_timing=False,
    )
    client.execute()


def clean(nb) -> None:
    """Drop volatile metadata so that a rebuild changes nothing when the content has not.

    The kernel's ``language_info`` stays whole (with the Python version): JupyterLab writes
    it into a notebook it opens, so a notebook without it is marked modified at once.
    """
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)


def check_outputs(path: Path) -> list[str]:
    """Return problems with a written notebook: errors, CDN references, size."""
    text = path.read_text(encoding="utf-8")
    problems = [f"{path.name}: refers to {cdn}" for cdn in FORBIDDEN if cdn in text]
    if '"output_type": "error"' in text:
        problems.append(f"{path.name}: a cell raised an error")
    if len(text.encode()) > MAX_BYTES:
        problems.append(f"{path.name}: {len(text.encode())} bytes (budget {MAX_BYTES})")
    return problems


def sources(selected: list[str]) -> list[Path]:
    """Return the lesson sources, all or those whose number is in ``selected``."""
    found = sorted(SRC.glob("0[1-9]_*.md"))
    if selected:
        found = [p for p in found if p.name[:2] in selected]
    if not found:
        raise SystemExit(f"no lesson sources matched {selected or 'notebooks/src/0N_*.md'}")
    return found


def check_sources(paths: list[Path]) -> int:
    """Compare each notebook's cell sources with its source file; return the count of stale ones."""
    import nbformat

    stale = 0
    for path in paths:
        target = OUT / f"{path.stem}.ipynb"
        expected = [(c.cell_type, c.source) for c in notebook_from_source(path).cells]
        if not target.exists():
            print(f"missing: {target.relative_to(ROOT)}")
            stale += 1
            continue
        actual = [(c.cell_type, c.source) for c in nbformat.read(target, as_version=4).cells]
        if actual != expected:
            rebuild = f"scripts/build_lessons.py {path.name[:2]}"
            print(f"out of date: {target.relative_to(ROOT)} (run {rebuild})")
            stale += 1
    return stale


def main(argv: list[str] | None = None) -> int:
    """Build (or check) the lessons named on the command line; return the exit code."""
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson numbers such as 01 06 (default: all)")
    parser.add_argument("--check", action="store_true", help="only check notebooks are up to date")
    parser.add_argument(
        "--rerun",
        nargs="+",
        type=Path,
        metavar="NOTEBOOK",
        help="re-execute these notebooks as they are (those without a source here: 00_start_here)",
    )
    args = parser.parse_args(argv)
    if args.rerun:
        jobs = [(path.resolve(), nbformat.read(path, as_version=4)) for path in args.rerun]
    else:
        paths = sources(args.lessons)
        if args.check:
            return 1 if check_sources(paths) else 0
        jobs = [(OUT / f"{path.stem}.ipynb", notebook_from_source(path)) for path in paths]
    problems: list[str] = []
    for target, nb in jobs:
        execute(nb)
        clean(nb)
        nbformat.validate(nb)
        nbformat.write(nb, target)
        found = check_outputs(target)
        problems += found
        size = target.stat().st_size // 1024
        print(
            f"built {target.relative_to(ROOT)} ({len(nb.cells)} cells, {size} KB)"
            + ("" if not found else "  <- " + "; ".join(found))
        )
    for problem in problems:
        print("problem:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
