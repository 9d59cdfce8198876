"""Voilà offline (issue 12): icons come from the local server, progress follows the answers.

Voilà's own ``lab`` template links Font Awesome from cdn.jsdelivr.net; casekit's Voilà
template (the default once casekit is installed) leaves those links out, and Voilà
serves the icon font itself. In a Voilà app the ``ex.progress()`` cell runs once, when
the page opens; casekit shows it there as a panel that changes with every answer.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BIN, free_port, start_server
from tests.browser.course_ui import LONG, Exercise, answer_keys, expected_headline
from tests.browser.servers import copy_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = "01_almaty_meeting.ipynb"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Voilà with the installed default template, serving one fresh exercise notebook."""
    root = tmp_path_factory.mktemp("voila-offline")
    copy_notebook(REPO / "exercises" / NOTEBOOK, root / NOTEBOOK)
    answers = root / ".casekit"
    port = free_port()
    cmd = [
        str(BIN / "voila"),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.root_dir={root}",
    ]
    log = tmp_path_factory.mktemp("voila-offline-logs") / "voila.log"
    import os

    env = {k: v for k, v in os.environ.items() if k != "CASEKIT_ANSWERS_DIR"}
    yield from start_server(cmd, root, log, "/voila/static/", port, env)
    shutil.rmtree(answers, ignore_errors=True)


def open_app(app, page) -> dict:
    keys = answer_keys(NOTEBOOK)
    page.goto(f"{app.base}/voila/render/{NOTEBOOK}", timeout=LONG)
    last = list(keys)[-1]
    page.locator(f'button[title$=" your answer to {last}"]').wait_for(timeout=LONG)
    return keys


def test_icons_are_served_by_the_local_server(app, page, screenshots):
    open_app(app, page)
    icon = page.locator("button i.fa-check").first
    expect(icon).to_be_visible()
    style = icon.evaluate(
        "i => { const s = getComputedStyle(i, '::before');"
        " return {font: s.fontFamily, glyph: s.content, width: i.getBoundingClientRect().width} }"
    )
    assert "Font Awesome" in style["font"] and style["width"] > 0, style
    assert style["glyph"] not in ("none", "normal", '""'), style
    assert page.evaluate("() => document.fonts.check('900 14px \"Font Awesome 5 Free\"')")
    # nothing was even tried outside this machine, let alone fetched
    assert page.external_failed == [], page.external_failed
    assert page.external_ok == [], page.external_ok
    page.locator("button i.fa-check").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "voila_offline_icons.png"))


def test_progress_panel_follows_the_answers(app, page, screenshots):
    keys = open_app(app, page)
    panel = page.locator('[role="status"]', has_text="questions answered")
    expect(panel).to_have_count(1)
    before = int(re.search(r"(\d+) of \d+ questions answered", panel.inner_text()).group(1))
    unanswered = [q for q, k in keys.items() if k["kind"] == "single_choice"]
    qid = unanswered[0]
    question = Exercise(page, qid, keys[qid])
    question.answer_with_mouse()
    question.expect_feedback(expected_headline("single_choice"))
    total = len(keys)
    expect(panel).to_contain_text(f"{before + 1} of {total} questions answered", timeout=LONG)
    expect(panel).not_to_contain_text("Last answer saved: nothing yet")
    panel.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "voila_offline_progress.png"))
