"""Every lesson notebook runs in real JupyterLab with its charts drawn (SVG or canvas), no
error output, and not one request answered from outside localhost (network blocked)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.course_ui import (
    LESSONS,
    LONG,
    REPO,
    shutdown_kernels,
    tall_screenshot,
    wait_run_finished,
)

pytest_plugins = ["tests.browser.servers"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
CHARTS = (f"{PANEL} :is(.jp-RenderedSVG img, .jp-RenderedImage img, .vega-embed svg, "
          f".jp-OutputArea-output canvas)")


def stored_charts(lesson: str) -> int:
    """How many chart outputs the committed lesson holds (nbval keeps them current)."""
    nb = json.loads((REPO / "notebooks" / lesson).read_text("utf-8"))
    return sum(
        1
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if {"image/svg+xml", "image/png"} & set(out.get("data", {}))
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_and_draws_its_charts_offline(lesson, course_lab, page, shots):
    path = f"notebooks/{lesson}"
    try:
        course_lab.open(page, path)
        course_lab.run_all(page)
        wait_run_finished(page)
        errors = page.locator(f"{PANEL} .jp-OutputArea-output"
                              "[data-mime-type='application/vnd.jupyter.error']")
        assert errors.count() == 0, errors.first.inner_text()

        want = stored_charts(lesson)
        charts = page.locator(CHARTS)
        if want:
            expect(charts.nth(want - 1)).to_be_attached(timeout=LONG)
        # every chart image decoded (a broken SVG shows as a broken image) and has a size
        sizes = charts.evaluate_all(
            """els => els.map(e => e.tagName === 'IMG'
                ? (e.complete && e.naturalWidth > 0 ? e.naturalWidth : 0)
                : e.getBoundingClientRect().width)""")
        assert len(sizes) >= want and all(s > 100 for s in sizes), (want, sizes)
        text = page.locator(PANEL).text_content()
        assert "Error loading script" not in text and "renderer has not been" not in text

        tall_screenshot(page, shots / f"lab_lesson_{lesson.removesuffix('.ipynb')}.png")
        assert page.external_ok == [], page.external_ok
    finally:
        shutdown_kernels(course_lab)
