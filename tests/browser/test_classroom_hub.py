"""The classroom in real browsers on a real JupyterHub.

Two students sign in through the hub's login page (separate browser contexts) and answer
the same exercise in JupyterLab; the instructor's dashboard, open in a third context,
shows each answer within 2 s of the click without being reloaded. One student restarts
the kernel and finds the answer restored; a student opening the dashboard gets 403; a
reflection with markup shows as text. Screenshots go to ``build/screenshots/``.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from casekit.classroom.demo import PASSWORD
from tests.browser.course_ui import LONG, Exercise, answer_keys, wait_run_finished
from tests.classroom.hubclient import HubUser, event, post_events

pytest_plugins = ["tests.browser.servers", "tests.classroom.hub"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "01_almaty_meeting.ipynb"
DASHBOARD_WAIT_MS = 2_000
DASHBOARD = "/services/casekit/"
QUESTION = "kaz-population"  # numeric
WRONG = "37.5"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# As in servers.py (a plugin, so not imported here): JupyterLab attaches cells in idle
# time, which Chromium grants rarely after a resize; without requestIdleCallback it uses a
# timer instead.
NO_IDLE_CALLBACK = "window.requestIdleCallback = undefined; window.cancelIdleCallback = undefined;"


def recording_page(context):
    """A page that records responses from outside the loopback (none may come back)."""
    from urllib.parse import urlparse

    pg = context.new_page()
    pg.external_ok = []

    def outside(url: str) -> bool:
        return url.startswith("http") and urlparse(url).hostname not in ("127.0.0.1", "localhost")

    pg.on("response", lambda r: outside(r.url) and pg.external_ok.append(r.url))
    return pg


def sign_in(browser, hub, name: str, next_url: str = ""):
    """A browser context signed in to the hub as ``name`` through its login form.

    With ``next_url`` the hub goes there after the login (an instructor goes straight to
    the dashboard, and no server is started for them); without it, the user's JupyterLab
    is started and opened.
    """
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    context.add_init_script(NO_IDLE_CALLBACK)
    page = recording_page(context)
    query = f"?next={next_url}" if next_url else ""
    page.goto(f"{hub.url}/hub/login{query}", timeout=LONG)
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_load_state(timeout=LONG)
    return context, page


def open_exercise(hub, page, name: str) -> None:
    """Open the exercise notebook in the user's JupyterLab, wait for its kernel, run all."""
    page.goto(f"{hub.url}/user/{name}/lab/tree/exercises/{NOTEBOOK}", timeout=LONG)
    page.locator(f"{PANEL} .jp-Cell").first.wait_for(timeout=LONG)
    wait_kernel(hub, page, name)
    run_all(page)


def run_all(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.locator(f"{PANEL} .jp-InputPrompt", has_text="[1]").first.wait_for(timeout=LONG)
    wait_run_finished(page)


def wait_kernel(hub, page, name: str, timeout: float = 120) -> None:
    """Wait until the notebook's kernel runs, is idle and connected (the server's REST API).

    On a freshly started server JupyterLab may ask which kernel to start: the dialog's
    default (the notebook's own kernel) is accepted.
    """
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
        if dialog.count() and dialog.first.is_visible():
            dialog.locator(".jp-mod-accept").click()
        reply = page.request.get(f"{hub.url}/user/{name}/api/sessions")
        if reply.ok:
            for session in reply.json():
                kernel = session.get("kernel") or {}
                if (
                    session.get("path") == f"exercises/{NOTEBOOK}"
                    and kernel.get("execution_state") == "idle"
                    and kernel.get("connections", 0) > 0
                ):
                    page.locator(
                        f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']"
                    ).wait_for(timeout=LONG)
                    return
        time.sleep(0.3)
    raise TimeoutError(f"the kernel of {name}'s notebook did not start")


def dashboard_row(page, question: str):
    return page.locator(
        f"section[data-notebook='01_almaty_meeting'] tr[data-question='{question}']"
    )


def test_two_students_answer_and_the_instructor_sees_it_live(browser, hub, tokens, shots):
    keys = answer_keys(NOTEBOOK)
    teacher_ctx, teacher = sign_in(browser, hub, "instructor", DASHBOARD)
    one_ctx, one = sign_in(browser, hub, "student1")
    two_ctx, two = sign_in(browser, hub, "student2")
    try:
        expect(teacher.locator("h1")).to_have_text("Class dashboard", timeout=LONG)
        # a question the other classroom tests leave alone, so the counts here are ours
        row = dashboard_row(teacher, QUESTION)
        # a set nobody has started has no table yet
        before = int(row.locator("td.answered").inner_text().split()[0]) if row.count() else 0
        for name, page in (("student1", one), ("student2", two)):
            page.locator(".jp-DirListing-content").wait_for(timeout=LONG)
            open_exercise(hub, page, name)

        # student1: the right answer; the dashboard shows it within 2 s of the click
        q1 = Exercise(one, QUESTION, keys[QUESTION])
        q1.answer_with_mouse()
        clicked = time.monotonic()
        expect(row.locator("td.answered")).to_have_text(str(before + 1), timeout=DASHBOARD_WAIT_MS)
        first_delay = time.monotonic() - clicked
        q1.expect_feedback("✓ Correct")
        typed = q1.box.locator("input[type=text]").input_value()

        # student2: a wrong answer, shown in the student's own words
        q2 = Exercise(two, QUESTION, keys[QUESTION])
        q2.answer_with_mouse(answer=WRONG)
        clicked = time.monotonic()
        expect(row.locator("td.answered")).to_have_text(str(before + 2), timeout=DASHBOARD_WAIT_MS)
        expect(row.locator("td.wrong")).to_have_text("1", timeout=DASHBOARD_WAIT_MS)
        expect(row.locator(".answer")).to_have_text(WRONG)
        second_delay = time.monotonic() - clicked
        q2.expect_feedback("✗ Not yet")
        print(
            f"dashboard showed the answers {first_delay:.2f} s and {second_delay:.2f} s "
            "after the clicks"
        )
        teacher.locator("img.chart").first.wait_for()
        teacher.screenshot(path=str(shots / "classroom_dashboard.png"), full_page=True)
        q1.box.scroll_into_view_if_needed()
        one.screenshot(path=str(shots / "classroom_student1_lab.png"))

        # student1 restarts the kernel, runs everything again: the answer is restored
        one.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
        one.locator(
            ".lm-Menu-itemLabel", has_text="Restart Kernel and Clear Outputs of All Cells"
        ).first.click()
        one.locator(".jp-Dialog .jp-mod-accept").click()
        expect(one.locator(".jp-NotebookPanel .widget-vbox")).to_have_count(0, timeout=LONG)
        wait_kernel(hub, one, "student1")
        run_all(one)
        q1 = Exercise(one, QUESTION, keys[QUESTION])
        q1.expect_feedback("✓ Correct", timeout=LONG)
        expect(q1.status).to_have_text("Saved (attempt 1 of 3).")
        expect(q1.box.locator("input[type=text]")).to_have_value(typed)
        q1.box.scroll_into_view_if_needed()
        one.screenshot(path=str(shots / "classroom_student1_restored.png"))

        # a student opening the dashboard: 403
        response = two.goto(f"{hub.url}/services/casekit/")
        assert response is not None and response.status == 403
        expect(two.locator("body")).to_contain_text("only instructors")
        expect(two.locator("h1")).to_have_text("Not allowed (403)")
        two.screenshot(path=str(shots / "classroom_student_403.png"))

        # a student's own record
        two.goto(f"{hub.url}/services/casekit/me")
        expect(two.locator("h1")).to_have_text("Your record")
        expect(two.locator("main")).to_contain_text(WRONG)
        two.screenshot(path=str(shots / "classroom_student_me.png"), full_page=True)

        for page in (teacher, one, two):
            assert page.external_ok == [], page.external_ok
    except Exception:
        for label, page in (("instructor", teacher), ("student1", one), ("student2", two)):
            page.screenshot(path=str(shots / f"classroom_failure_{label}.png"))
        raise
    finally:
        for ctx in (teacher_ctx, one_ctx, two_ctx):
            ctx.close()
        for name in ("student1", "student2"):  # their servers are heavy: stop them now
            HubUser(hub.url, name).login().stop_server()


def test_a_reflection_with_markup_shows_as_text(browser, hub, tokens, shots):
    text = "<script>window.pwned = 1</script><b>bold?</b> The plan is not a result."
    reflection = event(
        "browser-reflection-1",
        notebook="06_strategic_autonomy",
        question="reflection",
        kind="reflection",
        answer=text,
        status="recorded",
        score=None,
    )
    assert post_events(hub.url, tokens["student3"], [reflection]).status == 200
    context, page = sign_in(browser, hub, "instructor", DASHBOARD + "reflections")
    try:
        expect(page.locator("h1")).to_have_text("Reflections", timeout=LONG)
        article = page.locator("article.reflection[data-user='student3']")
        expect(article.locator("blockquote")).to_have_text(text)
        assert page.evaluate("() => window.pwned") is None
        assert article.locator("blockquote b").count() == 0
        # marking it: the form round-trips and the mark shows on the student's record
        article.locator("select").select_option("good")
        article.locator("input[name=note]").fill("clear <i>reasoning</i>")
        article.get_by_role("button", name="Save mark").click()
        page.wait_for_url("**/reflections")
        expect(page.locator("article.reflection[data-user='student3'] select")).to_have_value(
            "good"
        )
        page.screenshot(path=str(shots / "classroom_reflections.png"), full_page=True)
        page.goto(f"{hub.url}/services/casekit/student/student3")
        expect(page.locator("main")).to_contain_text("good: clear <i>reasoning</i>")
        assert page.external_ok == [], page.external_ok
    finally:
        context.close()
