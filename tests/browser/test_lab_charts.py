"""A casekit chart renders in real JupyterLab (Debian chromium) with the network blocked."""

from __future__ import annotations

import base64
import re

import nbformat
import pytest

import casekit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "charts_offline.ipynb"
CELLS = [
    "from casekit.charts.render import setup\nprint(setup())",
    "import casekit\nfrom casekit.charts import describe, timeline_chart\n"
    "case = casekit.load()\nchart = timeline_chart(case.events)\nchart",
    "print(describe(chart))",
    "# the interactive offline renderer (anywidget + vl-convert): click-to-filter works\n"
    "from casekit.charts import argument_map_chart\nsetup('jupyter')\n"
    "argument_map_chart(case.claims, case.areas)",
]


def write_notebook(path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


def paragraph_labels(chart) -> int:
    """How many claim rows (their '¶N ▲ Stance' line) the interactive chart currently draws."""
    return chart.locator("text").evaluate_all(
        "els => els.filter(e => /^¶\\d+ /.test(e.textContent)).length"
    )


def test_charts_render_in_jupyterlab_offline(page, lab, screenshots):
    write_notebook(lab.root / NOTEBOOK)
    lab.open(page, NOTEBOOK)
    lab.run_all(page)
    cells = page.locator(".jp-NotebookPanel .jp-Cell")

    # cell 1: setup() says what it enabled
    cells.nth(0).get_by_text("casekit: charts render as svg").wait_for(timeout=60_000)
    # cell 2: the static SVG timeline, drawn in the kernel by vl-convert (no JavaScript)
    img = cells.nth(1).locator(".jp-RenderedHTMLCommon img[src^='data:image/svg+xml']")
    img.wait_for(timeout=60_000)
    svg = base64.b64decode(img.get_attribute("src").split(",", 1)[1]).decode("utf-8")
    assert "Almaty, 26 Apr 2025" in svg and "aria-label" in svg
    assert "Almaty" in img.get_attribute("alt")  # describe() as the image's alt text
    box = img.bounding_box()
    assert box["width"] > 600 and box["height"] > 400
    # cell 3: the text twin (what nbval compares and a screen reader gets)
    cells.nth(2).get_by_text(
        "Highlighted: 6th Central Asia–China Foreign Ministers' Meeting"
    ).wait_for(timeout=30_000)
    # cell 4: the interactive offline renderer draws an SVG through the anywidget view
    chart = cells.nth(3).locator(".vega-embed svg").first
    chart.wait_for(timeout=90_000)
    claims = len(casekit.load().claims)
    label = cells.nth(3).locator(".vega-embed [aria-label]").first.get_attribute("aria-label")
    assert f"{claims} claims" in label
    before = paragraph_labels(chart)
    assert before == claims
    page.screenshot(path=str(screenshots / "lab_chart_offline.png"))

    # clicking an area's circle filters the list of claims to that area. Vega hit-tests
    # the pointer position: click the svg where the Health row meets the Opportunity
    # column (Playwright scrolls that point into view first)
    cells.nth(3).locator(".jp-InputPrompt").click()  # settle JupyterLab's cell scrolling
    row = chart.locator(".role-axis-label text").filter(has_text=re.compile(r"^Health$")).first
    col = chart.locator(".role-axis-label text").filter(has_text=re.compile(r"^Opportunity$")).first
    row_box, col_box, svg_box = row.bounding_box(), col.bounding_box(), chart.bounding_box()
    chart.click(
        position={
            "x": col_box["x"] + col_box["width"] / 2 - svg_box["x"],
            "y": row_box["y"] + row_box["height"] / 2 - svg_box["y"],
        }
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.vega-embed svg text')]"
        ".filter(e => /^¶\\d+ /.test(e.textContent)).length < " + str(claims),
        timeout=30_000,
    )
    assert paragraph_labels(chart) == 1
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "lab_chart_offline_filtered.png"))

    assert not [e for e in page.console_errors if "Error loading script" in e]
    # the network really was blocked, and nothing external got through
    assert page.external_ok == [], page.external_ok
