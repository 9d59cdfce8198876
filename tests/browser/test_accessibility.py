"""axe-core, injected into an exercise page in Voilà and in JupyterLab: no serious or
critical violation inside casekit's own question widgets.

Violations elsewhere on the page (JupyterLab's or Voilà's own UI) are written to
``build/a11y/<where>.json`` and printed, not failed on: casekit cannot fix them.
axe-core comes from ``node_modules`` (``npm ci``); under ``CI=true`` its absence fails.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.course_ui import (
    LONG,
    QUESTION_BOXES_JS,
    REPO,
    answer_keys,
    shutdown_kernels,
    tall_screenshot,
    wait_run_finished,
)

pytest_plugins = ["tests.browser.servers"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "01_almaty_meeting.ipynb"
REPORTS = REPO / "build" / "a11y"
SEVERE = {"serious", "critical"}
MARK = "data-casekit-question"


def run_axe(page, axe_source: str, where: str) -> list[dict]:
    """Run axe on the page; return the severe violations inside casekit's questions."""
    tall_screenshot(page, REPORTS / f"{where}.png")  # the whole notebook laid out
    page.add_script_tag(content=axe_source)
    count = page.evaluate(f"""() => {{
        const boxes = ({QUESTION_BOXES_JS})();
        boxes.forEach(b => b.setAttribute('{MARK}', ''));
        return boxes.length;
    }}""")
    assert count == len(answer_keys(NOTEBOOK)), count
    options = "{resultTypes: ['violations']}"
    ours = page.evaluate(f"() => axe.run({{include: [['[{MARK}]']]}}, {options})")
    everything = page.evaluate(f"() => axe.run(document, {options})")

    def summary(result) -> list[dict]:
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": len(v["nodes"]),
                "targets": [n["target"] for n in v["nodes"][:5]],
            }
            for v in result["violations"]
        ]

    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{where}.json").write_text(
        json.dumps(
            {"casekit_questions": summary(ours), "whole_page": summary(everything)},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    for v in summary(everything):
        print(f"[{where}] page: {v['impact']}: {v['id']} ({v['nodes']}): {v['help']}")
    return [v for v in summary(ours) if v["impact"] in SEVERE]


def judge(severe: list[dict]) -> None:
    """Fail on any serious or critical violation inside casekit's questions."""
    assert severe == [], json.dumps(severe, indent=2, ensure_ascii=False)


def test_axe_exercise_in_voila(course_voila, page, axe_source):
    page.goto(course_voila.url(f"exercises/{NOTEBOOK}"), timeout=LONG)
    last = list(answer_keys(NOTEBOOK))[-1]
    page.locator(f'button[title$=" your answer to {last}"]').wait_for(timeout=LONG)
    judge(run_axe(page, axe_source, "voila_exercise_01"))


def test_axe_exercise_in_jupyterlab(course_lab, page, axe_source):
    path = f"exercises/{NOTEBOOK}"
    try:
        course_lab.open(page, path)
        course_lab.run_all(page)
        wait_run_finished(page)
        severe = run_axe(page, axe_source, "lab_exercise_01")
    finally:
        shutdown_kernels(course_lab)
    judge(severe)
