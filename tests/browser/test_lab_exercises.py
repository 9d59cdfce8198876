"""An exercise notebook in real JupyterLab: answer with the mouse and with the keyboard
alone, see the feedback, restart the kernel, run again and find every answer restored."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.course_ui import (
    LONG,
    SHORT,
    Exercise,
    answer_keys,
    assert_not_modified,
    shutdown_kernels,
    wait_run_finished,
)

pytest_plugins = ["tests.browser.servers"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "01_almaty_meeting.ipynb"
PATH = f"exercises/{NOTEBOOK}"

ACTIVE_TITLE_JS = "() => document.activeElement && document.activeElement.title"


def run_all(lab, page) -> None:
    lab.run_all(page)
    wait_run_finished(page)


def assert_no_errors(page) -> None:
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0, errors.first.inner_text()


def tab_to(page, title: str, limit: int = 25) -> None:
    """Press Tab until the focused element is the button titled ``title``."""
    for _ in range(limit):
        if page.evaluate(ACTIVE_TITLE_JS) == title:
            return
        page.keyboard.press("Tab")
    raise AssertionError(
        f"Tab never reached {title!r}; focus is on "
        f"{page.evaluate('() => document.activeElement.outerHTML')[:200]}"
    )


def answer_with_keyboard(page, q: Exercise) -> None:
    """Answer ``q`` with keys only. Focus starts on its first control, as after Tab."""
    answer = q.key["answer"]
    if q.kind == "single_choice":
        radios = q.box.locator("input[type=radio]")
        labels = [t.strip() for t in q.box.locator(".widget-radio-box label").all_inner_texts()]
        # ipywidgets' radios carry no shared name, so each is its own Tab stop (and in
        # JupyterLab the arrow keys move the notebook's cell selection instead)
        radios.first.focus()
        for _ in range(labels.index(answer)):
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
        expect(radios.nth(labels.index(answer))).to_be_checked()
    elif q.kind == "multiple_select":
        boxes = q.box.locator(".widget-checkbox input")
        labels = [t.strip() for t in q.box.locator(".widget-checkbox").all_inner_texts()]
        boxes.first.focus()
        for i, label in enumerate(labels):
            if label in answer:
                page.keyboard.press("Space")
            if i < len(labels) - 1:
                page.keyboard.press("Tab")
        for i, label in enumerate(labels):
            expect(boxes.nth(i)).to_be_checked(checked=label in answer)
    elif q.kind in ("short_text", "numeric"):
        field = q.box.locator("input[type=text]")
        field.focus()
        # one input event for the whole word, as a paste or an input method sends it.
        # Typed key by key, ipywidgets holds back later keystrokes until the kernel has
        # acknowledged the first, and a Check pressed at once can be judged on "X"
        # instead of "Xi'an" (a real race; continuous_update=False on casekit's Text
        # boxes would close it).
        page.keyboard.insert_text(answer[0] if isinstance(answer, list) else str(answer))
    elif q.kind == "rating":
        # a drop-down menu: Space opens its list (JupyterLab keeps the arrow keys of a
        # closed menu for moving between cells), ArrowDown goes one step up, Enter picks
        menu = q.box.locator("select").first
        menu.focus()
        for key in ("Space", "ArrowDown", "Enter"):
            page.keyboard.press(key)
        expect(menu).to_have_value("4")
    else:
        raise AssertionError(f"no keyboard recipe for {q.kind}")
    title = q.check_button.get_attribute("title")
    tab_to(page, title)
    page.keyboard.press("Space" if q.kind != "short_text" else "Enter")


def widget_state(q: Exercise) -> dict:
    """What the controls of ``q`` show: checked radios and boxes, menus, text fields."""
    return q.box.evaluate(
        """box => ({
            checked: [...box.querySelectorAll('input:checked')].map(
                i => i.closest('label') ? i.closest('label').textContent.trim() : i.value),
            menus: [...box.querySelectorAll('select')].map(s => s.selectedOptions[0]?.text),
            text: [...box.querySelectorAll('input[type=text], textarea')].map(i => i.value),
        })"""
    )


@pytest.fixture
def lab(course_lab):
    """The course's JupyterLab; every kernel shut down afterwards."""
    try:
        yield course_lab
    finally:
        shutdown_kernels(course_lab)


def test_exercise_in_jupyterlab_mouse_keyboard_restart(course, lab, page, shots):
    keys = answer_keys(NOTEBOOK)
    # start from no answers (the Voilà tests share the answers folder, in any order)
    for ledger in course.answers.glob("01_almaty_meeting.*"):
        ledger.unlink()
    lab.open(page, PATH)
    assert_not_modified(page, NOTEBOOK)
    run_all(lab, page)
    assert_no_errors(page)

    def q(qid: str) -> Exercise:
        return Exercise(page, qid, keys[qid])

    # -- the mouse: a wrong answer first, then the right one --------------------------
    population = q("kaz-population")
    population.answer_with_mouse(answer="37.5")
    population.expect_feedback("✗ Not yet")
    expect(population.status).to_have_text("Saved (attempt 1 of 3).", timeout=SHORT)
    population.answer_with_mouse()
    population.expect_feedback("✓ Correct")
    expect(population.status).to_have_text("Saved (attempt 2 of 3).", timeout=SHORT)
    for qid in ("series", "areas"):
        q(qid).answer_with_mouse()
        q(qid).expect_feedback("✓ Correct")
    hint = q("document").box.get_by_role("button", name="Show a hint")
    hint.click()
    expect(q("document").box.locator(".widget-html-content").nth(2)).not_to_be_empty()

    # -- the keyboard alone: focus lands on the first control, then only keys ---------
    for qid in ("document", "ministers", "secretariat-city"):
        answer_with_keyboard(page, q(qid))
        q(qid).expect_feedback("✓ Correct")
    answer_with_keyboard(page, q("rating"))
    q("rating").expect_feedback("✎ Recorded")
    q("document").box.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "lab_exercise_01_answered.png"))

    answered = [
        "kaz-population",
        "series",
        "areas",
        "document",
        "ministers",
        "secretariat-city",
        "rating",
    ]
    before = {qid: (q(qid).feedback.text_content(), widget_state(q(qid))) for qid in answered}
    assert all(feedback for feedback, _ in before.values()), before
    assert before["rating"][1]["menus"][:2] == ["4", "3"], before["rating"]  # 3, one step up
    ledger = course.ledger(NOTEBOOK)
    assert {row["question"] for row in ledger} >= set(answered), ledger

    # -- restart the kernel (outputs cleared), run everything again ------------------
    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
    page.locator(
        ".lm-Menu-itemLabel", has_text="Restart Kernel and Clear Outputs of All Cells"
    ).first.click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    expect(page.locator(".jp-NotebookPanel .widget-vbox")).to_have_count(0, timeout=LONG)
    lab.wait_kernel_idle(PATH)
    run_all(lab, page)
    assert_no_errors(page)
    for qid, (feedback, state) in before.items():
        expect(q(qid).feedback).to_have_text(feedback, timeout=LONG)
        assert widget_state(q(qid)) == state, qid
    expect(population.status).to_have_text("Saved (attempt 2 of 3).")
    q("document").box.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "lab_exercise_01_restored.png"))
    assert page.external_ok == [], page.external_ok
