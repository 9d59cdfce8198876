"""Helpers for the course's browser tests: answer keys and one question's widgets in a page.

``Exercise`` finds a casekit question in a JupyterLab or Voilà page (by its Check button's
title, ``"<verb> your answer to <id>"``: casekit's widgets have no CSS class of their own)
and answers it with the mouse, from the plain keys in ``exercises/solutions/*.keys.json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted(p.name for p in (REPO / "exercises").glob("[0-9][0-9]_*.ipynb"))

# generous waits: two shared cores, kernels importing pandas and altair
LONG = 120_000
SHORT = 30_000


def answer_keys(notebook: str) -> dict[str, dict[str, Any]]:
    """The plain keys of an exercise notebook, by question id (instructor file)."""
    path = REPO / "exercises" / "solutions" / f"{Path(notebook).stem}.keys.json"
    return {q["id"]: q for q in json.loads(path.read_text("utf-8"))["questions"]}


def exact(text: str) -> re.Pattern:
    """A pattern matching exactly ``text`` (trimmed)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


# JavaScript: the outer box of every casekit question in the page (the VBox holding a
# button titled "<verb> your answer to <id>"). casekit's widgets carry no class of their
# own, so they are found by that title.
QUESTION_BOXES_JS = """
() => [...document.querySelectorAll('button[title*=" your answer to "]')]
        .map(b => b.closest('.widget-vbox')).filter(Boolean)
"""


class Exercise:
    """One question's widgets in a page (JupyterLab or Voilà)."""

    def __init__(self, page, qid: str, key: dict[str, Any] | None = None) -> None:
        self.page = page
        self.qid = qid
        self.key = key or {}
        button = page.locator(f'button[title$=" your answer to {qid}"]')
        self.box = page.locator(".widget-vbox").filter(has=button).last
        self.check_button = self.box.locator(f'button[title$=" your answer to {qid}"]')
        self.feedback = self.box.locator('[role="status"][aria-live="polite"]')
        self.status = self.box.locator(".widget-label").last

    @property
    def kind(self) -> str:
        return self.key["kind"]

    # -- the mouse ---------------------------------------------------------------------
    def answer_with_mouse(self, answer: Any = None) -> None:
        """Set ``answer`` (default: the key's) through the widgets, then click Check."""
        answer = self.key.get("answer") if answer is None else answer
        kind = self.kind
        if kind == "single_choice":
            self.box.locator(".widget-radio-box label").filter(has_text=exact(answer)).click()
        elif kind == "multiple_select":
            boxes = self.box.locator(".widget-checkbox")
            for i in range(boxes.count()):
                box = boxes.nth(i)
                label = box.inner_text().strip()
                if (label in answer) != box.locator("input").is_checked():
                    box.locator("input").click()
        elif kind == "categorize":
            for item, category in answer.items():
                self._dropdown(item).select_option(label=category)
        elif kind == "order":
            for i, item in enumerate(answer, start=1):
                self._dropdown(f"Position {i}:").select_option(label=item)
        elif kind in ("numeric", "short_text"):
            value = answer[0] if isinstance(answer, list) else answer
            field = self.box.locator("input[type=text]")
            field.click()
            field.fill(_number(value) if kind == "numeric" else str(value))
        elif kind == "reflection":
            area = self.box.locator("textarea")
            area.click()
            area.fill(
                "The railway sentence reports a plan, not a result; the record is "
                "silent on whether any line opened, so I would write 'planned'."
            )
        elif kind == "rating":  # one menu per area and scale; pick the reference view
            for area, scales in answer.items():
                for scale, value in scales.items():
                    self._dropdown(f"{area}: {scale}").select_option(index=value - self.key["low"])
        # code_check: answered in code only
        self.check_button.click()

    def _dropdown(self, label: str):
        return (
            self.box.locator(".widget-dropdown")
            .filter(has=self.page.locator("label", has_text=exact(label)))
            .locator("select")
        )

    def expect_feedback(self, text: str, timeout: float = SHORT) -> None:
        from playwright.sync_api import expect

        expect(self.feedback).to_contain_text(text, timeout=timeout)


def _number(value: Any) -> str:
    """A numeric key as a student would type it (in the question's unit, one decimal)."""
    number = float(value)
    return f"{number:.1f}" if number != int(number) else str(int(number))


def expected_headline(kind: str) -> str:
    """What the feedback of a right answer starts with."""
    return "✎ Recorded" if kind in ("rating", "reflection") else "✓ Correct"


def shutdown_kernels(server, path: str | None = None) -> None:
    """Shut down the kernel sessions of a JupyterLab server (of ``path`` only, if given)."""
    import urllib.request

    from tests.browser.conftest import TOKEN

    for session in server.api("/api/sessions"):
        if path is not None and session.get("path") != path:
            continue
        request = urllib.request.Request(
            f"{server.base}/api/sessions/{session['id']}?token={TOKEN}", method="DELETE"
        )
        urllib.request.urlopen(request, timeout=30).close()


# The element that scrolls the document: JupyterLab's notebook window, Voilà's main area
# or the page itself, whichever is tallest.
SCROLLER_HEIGHT_JS = """
() => {
    let best = document.scrollingElement.scrollHeight;
    for (const el of document.querySelectorAll('*')) {
        const style = getComputedStyle(el);
        if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 5) {
            best = Math.max(best, el.scrollHeight + window.innerHeight - el.clientHeight);
        }
    }
    return best;
}
"""


def tall_screenshot(page, path, max_height: int = 16_000) -> None:
    """Screenshot the whole notebook: scroll to the top, grow the viewport to the scroll
    height (capped) until it stops growing, then shoot."""
    fit_viewport(page, max_height)
    page.screenshot(path=str(path))


def fit_viewport(page, max_height: int = 16_000) -> None:
    """Grow the viewport to the notebook's whole height, so that every cell is laid out
    (JupyterLab renders cells out of view lazily), and scroll to the top."""
    width = page.viewport_size["width"]
    height = page.viewport_size["height"]
    for _ in range(4):  # JupyterLab estimates the height of cells it has not laid out
        page.evaluate(
            "() => document.querySelectorAll('*').forEach(e => {"
            " if (e.scrollTop) e.scrollTop = 0; })"
        )
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        want = max(600, min(max_height, int(page.evaluate(SCROLLER_HEIGHT_JS))))
        if want <= height:
            break
        height = want
        page.set_viewport_size({"width": width, "height": height})
    page.evaluate(
        "() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })"
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def wait_run_finished(page, timeout: float = LONG) -> None:
    """Wait until no cell of the open notebook is queued or running (``[*]``)."""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')];
            const ind = document.querySelector(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
            return prompts.length > 0 && !prompts.some(p => p.textContent.includes('*'))
                && ind && ind.dataset.status === 'idle';
        }""",
        timeout=timeout,
    )


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def open_from_path(server, page, path: str, wait_kernel: bool = True) -> None:
    """File > Open from Path… in a JupyterLab page already loaded; wait for the kernel."""
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Open from Path").first.click()
    dialog = page.locator(".jp-Dialog")
    dialog.locator("input").fill(path)
    dialog.locator(".jp-mod-accept").click()
    name = path.rsplit("/", 1)[-1]
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text=name).wait_for(
        timeout=LONG
    )
    page.locator(f"{PANEL} .jp-Cell").first.wait_for(timeout=LONG)
    if wait_kernel:
        wait_kernel_ready(server, page, path)


def wait_kernel_ready(server, page, path: str) -> None:
    """The current notebook's kernel is idle and connected (server and toolbar agree)."""
    server.wait_kernel_idle(path)
    page.locator(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
        timeout=LONG
    )


def assert_not_modified(page, name: str) -> None:
    """The open notebook ``name`` is not marked modified: opening it rewrote nothing.

    Once the kernel is connected, JupyterLab writes its spec and ``language_info`` into the
    notebook (and upgrades old formats, adds cell ids); a notebook lacking any of these is
    marked modified at once. Call this after the kernel is ready, before running a cell.
    """
    from playwright.sync_api import expect

    expect(page.locator(f"{PANEL} .jp-Toolbar-kernelName")).to_contain_text("Python 3")
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name).first
    assert "jp-mod-dirty" not in (tab.get_attribute("class") or ""), (
        f"{name} is marked modified as soon as it is opened: its metadata differs from what "
        "JupyterLab writes (kernelspec, language_info, nbformat_minor, cell ids)"
    )


def activate_tab(page, name: str) -> None:
    """Bring the notebook tab called ``name`` to the front."""
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name).first
    tab.click()
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text=name).wait_for(
        timeout=LONG
    )


def close_without_saving(page, name: str) -> None:
    """Close the notebook tab called ``name``, discarding changes (the copy is throwaway)."""
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name)
    tab.first.locator(".lm-TabBar-tabCloseIcon").click()
    dialog = page.locator(".jp-Dialog")
    # either the tab went at once, or JupyterLab asks whether to save
    page.wait_for_function(
        """name => document.querySelector('.jp-Dialog') ||
            ![...document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tab')]
                .some(t => t.textContent.includes(name))""",
        arg=name,
        timeout=SHORT,
    )
    if dialog.count():
        dialog.locator("button", has_text="Discard").click()
    tab.first.wait_for(state="detached", timeout=SHORT)
