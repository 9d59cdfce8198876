"""Every exercise notebook as a standalone Voilà app: no code in sight, every question
answered with the mouse, feedback shown, answers saved (real chromium, network blocked)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from casekit.exercises.feedback import STATUSES
from tests.browser.course_ui import (
    EXERCISES,
    LONG,
    Exercise,
    answer_keys,
    expected_headline,
    tall_screenshot,
)

pytest_plugins = ["tests.browser.servers"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def open_app(voila, page, notebook: str) -> None:
    """Render ``exercises/<notebook>`` in Voilà and wait for its last question."""
    page.goto(voila.url(f"exercises/{notebook}"), timeout=LONG)
    last = list(answer_keys(notebook))[-1]
    page.locator(f'button[title$=" your answer to {last}"]').wait_for(timeout=LONG)


@pytest.mark.parametrize("notebook", EXERCISES)
def test_exercise_as_voila_app(notebook, course, course_voila, page, shots):
    keys = answer_keys(notebook)
    open_app(course_voila, page, notebook)

    # a student sees no code and no error
    for code in (".jp-CodeCell .jp-InputArea", ".jp-InputArea-editor", ".cm-editor"):
        expect(page.locator(code)).to_have_count(0)
    errors = page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error'],"
        " .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    )
    assert errors.count() == 0, errors.first.inner_text()
    assert "Traceback" not in page.locator("body").inner_text()
    # only the widgets speak: no code cell adds a line of feedback text under a question
    texts = page.locator(".jp-OutputArea-output[data-mime-type='text/plain']").all_inner_texts()
    headlines = [f"{symbol} {label}" for symbol, label in STATUSES.values()]
    echoes = [t for t in texts if any(h in t for h in headlines)]
    assert echoes == [], echoes

    answered = []
    for qid, key in keys.items():
        q = Exercise(page, qid, key)
        expect(q.box).to_have_count(1)
        if key["kind"] == "code_check":
            continue  # answered in code, which a Voilà app does not offer
        q.answer_with_mouse()
        q.expect_feedback(expected_headline(key["kind"]))
        expect(q.status).to_contain_text("Saved (")
        answered.append(qid)
    tall_screenshot(page, shots / f"voila_{notebook.removesuffix('.ipynb')}.png")

    saved = {row["question"] for row in course.ledger(notebook)}
    assert saved >= set(answered), sorted(set(answered) - saved)
    assert page.external_ok == [], page.external_ok
