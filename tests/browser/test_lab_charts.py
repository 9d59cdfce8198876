"""A casekit chart renders in real JupyterLab (Debian chromium) with the network blocked."""

from __future__ import annotations

import nbformat
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "charts_offline.ipynb"
CELLS = [
    "from casekit.notebook import setup\nprint(setup())",
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
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)


def test_charts_render_in_jupyterlab_offline(lab, page, screenshots):
    write_notebook(lab.root / NOTEBOOK)
    lab.open(page, NOTEBOOK)
    lab.run_all(page)

    outputs = page.locator(".jp-NotebookPanel .jp-OutputArea-output")
    # cell 1: setup() says what it enabled
    page.get_by_text("casekit: charts render as svg").first.wait_for(timeout=60_000)
    # cell 2: the static SVG timeline, drawn in the kernel by vl-convert
    svg_chart = page.locator(".jp-RenderedSVG svg, .jp-RenderedImage svg, "
                             ".jp-OutputArea-output svg").first
    svg_chart.wait_for(timeout=60_000)
    assert svg_chart.locator("text", has_text="Almaty").count() >= 1
    # cell 3: the text twin (what nbval compares and a screen reader gets)
    page.get_by_text("Highlighted: 6th Central Asia–China Foreign Ministers' Meeting").first \
        .wait_for(timeout=30_000)
    # cell 4: the interactive chart draws through the anywidget view (svg or canvas)
    interactive = page.locator(".jp-OutputArea-output .vega-embed svg, "
                               ".jp-OutputArea-output .vega-embed canvas").first
    interactive.wait_for(timeout=90_000)
    interactive.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    assert outputs.count() >= 4
    assert not [e for e in page.console_errors if "Error loading script" in e]

    page.locator(".jp-NotebookPanel .jp-Cell").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "lab_chart_offline.png"))
    svg_chart.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "lab_chart_offline_timeline.png"))
    interactive.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "lab_chart_offline_interactive.png"))

    # the network really was blocked, and nothing external got through
    assert page.external_ok == [], page.external_ok
