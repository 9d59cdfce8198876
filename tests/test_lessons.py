"""Structure tests for the lesson notebooks (notebooks/01_*.ipynb to 07_*.ipynb).

nbval checks that the lessons run and that their stored outputs are reproducible; these
tests check what a lesson must contain: objectives, time estimates and prerequisites up
front; key points, discussion prompts and how to cite at the end; data loaded only through
casekit; a text description printed beside every chart; ids quoted in the prose that exist
in the data; no CDN in any output; and a small size.
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("0[1-7]_*.ipynb"))
LESSON_IDS = [p.stem for p in LESSONS]
SIZE_BUDGET = 2 * 1024 * 1024  # notebooks/ and exercises/ together
LESSON_BUDGET = 250 * 1024  # one lesson
CHART_CALL = re.compile(r"charts\.\w+_(?:chart|map)\(")
# Row ids a lesson may quote in its prose, and the table and key column they live in.
ID_PATTERNS = {
    r"\bprt-\d{3}\b": ("participants", "participant_id"),
    r"\bdoc-\d{3}\b": ("documents", "document_id"),
    r"\bevt-\d{3}\b": ("events", "event_id"),
    r"\bini-\d{3}\b": ("initiatives", "initiative_id"),
    r"\bclm-\d{3}\b": ("claims", "claim_id"),
    r"\bchk-\d{3}\b": ("record_checks", "check_id"),
    r"\b(?:fmm-0\d|summit-0\d|summit-2022-virtual)\b": ("meetings", "meeting_id"),
    r"\bc5-[a-z]{2,3}\b": ("formats", "format_id"),
    r"\bsrc-[a-z0-9-]+[a-z0-9]\b": ("sources", "source_id"),
}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def cells(path: Path, kind: str) -> list[str]:
    return [text(c) for c in load(path)["cells"] if c["cell_type"] == kind]


@cache
def case():
    import casekit

    return casekit.load()


def test_all_seven_lessons_exist():
    numbers = [p.name[:2] for p in LESSONS]
    assert numbers == ["01", "02", "03", "04", "05", "06", "07"], numbers


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_lesson_opens_with_objectives_time_and_prerequisites(path):
    first = cells(path, "markdown")[0]
    assert first.startswith("# Lesson "), "the first cell must be the lesson title"
    for needed in ("**Time:**", "**Prerequisites:**", "**Learning objectives.**", "**Questions**"):
        assert needed in first, f"{path.name}: first cell lacks {needed}"
    assert re.search(r"\b\d{2} minutes\b", first), f"{path.name}: no time estimate in minutes"
    objectives = first.split("**Learning objectives.**", 1)[1]
    assert len(re.findall(r"^\d\. ", objectives, flags=re.M)) >= 3, "fewer than 3 objectives"


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_lesson_ends_with_discussion_key_points_and_citation(path):
    headings = [
        line[3:].strip()
        for md in cells(path, "markdown")
        for line in md.splitlines()
        if line.startswith("## ")
    ]
    for needed in ("Discuss", "Key points", "Further reading and how to cite"):
        assert needed in headings, f"{path.name}: no '## {needed}' section"
    assert headings.index("Key points") > headings.index("Discuss")
    closing = ("Discuss", "Key points", "Further reading and how to cite")
    point_sections = [h for h in headings if h not in closing]
    assert len(point_sections) >= 4, f"{path.name}: too few sections"
    markdown = "\n".join(cells(path, "markdown"))
    assert "**How to cite this lesson:**" in markdown
    assert any("casekit.cite(" in code for code in cells(path, "code")), "no casekit.cite() cell"
    key_points = markdown.split("## Key points", 1)[1].split("## ", 1)[0]
    assert 3 <= key_points.count("\n- ") + key_points.startswith("- ") <= 6


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_first_code_cell_sets_up_offline_charts_and_loads_data(path):
    first = cells(path, "code")[0]
    assert "casekit.setup()" in first
    assert "casekit.load()" in first


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_data_is_loaded_only_through_casekit(path):
    code = "\n".join(cells(path, "code"))
    for forbidden in ("read_csv", "read_json", "open(", "data/", "Path(", "urlopen", "requests"):
        assert forbidden not in code, f"{path.name}: code uses {forbidden!r}"


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_every_chart_cell_prints_its_description(path):
    charted = 0
    for cell in load(path)["cells"]:
        if cell["cell_type"] != "code" or not CHART_CALL.search(text(cell)):
            continue
        charted += 1
        assert "print(casekit.describe(" in text(cell), f"{path.name}: chart without describe()"
        outputs = cell.get("outputs", [])
        html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
        streams = "".join("".join(o["text"]) for o in outputs if o["output_type"] == "stream")
        # An <img> of the SVG: JupyterLab shows it even in an untrusted notebook.
        assert '<img src="data:image/svg+xml;base64,' in html, f"{path.name}: no stored chart"
        assert "Marks:" in streams, f"{path.name}: the description was not printed"
    assert charted >= 1, f"{path.name}: no chart from casekit.charts"


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_outputs_are_stored_without_errors_or_cdn(path):
    nb = load(path)
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c.get("execution_count") for c in code_cells), "lesson stored unexecuted"
    raw = path.read_text(encoding="utf-8")
    assert '"output_type": "error"' not in raw
    for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs."):
        assert cdn not in raw, f"{path.name} refers to {cdn}"
    assert "application/vnd.vegalite" not in raw, "interactive renderer output stored"
    assert path.stat().st_size < LESSON_BUDGET, f"{path.name} is {path.stat().st_size} bytes"


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_row_ids_quoted_in_prose_exist_in_the_data(path):
    markdown = "\n".join(cells(path, "markdown"))
    data = case()
    missing = []
    for pattern, (table, column) in ID_PATTERNS.items():
        keys = set(data.table(table)[column].astype(str))
        quoted = sorted(set(re.findall(pattern, markdown)))
        missing += [f"{table}:{m}" for m in quoted if m not in keys]
    assert not missing, f"{path.name} names rows that do not exist: {missing}"


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_unverified_items_are_not_presented_as_confirmed(path):
    """A prose line that names an unverified initiative must also say it is not confirmed."""
    data = case().initiatives
    is_unverified = data["confidence"].astype(str) == "unverified"
    unverified = set(data.loc[is_unverified, "initiative_id"].astype(str))
    hedges = ("unverified", "not found", "not shown", "cannot", "article", "not confirmed")
    for md in cells(path, "markdown"):
        for block in md.split("\n\n"):
            named = set(re.findall(r"\bini-\d{3}\b", block)) & unverified
            if named:
                assert any(h in block.lower() for h in hedges), (
                    f"{path.name}: {sorted(named)} named without a caveat: {block[:120]!r}"
                )


def test_notebooks_and_exercises_stay_under_two_megabytes():
    total = sum(
        p.stat().st_size
        for folder in (ROOT / "notebooks", ROOT / "exercises")
        for p in folder.rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    )
    assert total < SIZE_BUDGET, f"notebooks/ + exercises/ = {total} bytes"


def test_notebooks_match_their_sources():
    """The committed lessons were built from notebooks/src/ (run scripts/build_lessons.py)."""
    script = ROOT / "scripts" / "build_lessons.py"
    spec = importlib.util.spec_from_file_location("build_lessons", script)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    sources = builder.sources([])
    # Lessons 01-07 and the research toolkit (08), which has a source too but is not a
    # lesson of the same shape (it writes files and reads them back with pandas)
    built = sorted(p.stem for p in NOTEBOOKS.glob("0[1-8]_*.ipynb"))
    assert [p.stem for p in sources] == built
    assert builder.check_sources(sources) == 0, "a lesson is out of date with notebooks/src/"
