"""Exercise sets: answers saved, restored after a restart, progress, export, widgets."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from casekit.exercises import ExerciseSet, progress
from casekit.exercises.keys import digest


@pytest.fixture
def answers(tmp_path, monkeypatch):
    folder = tmp_path / "answers"
    monkeypatch.setenv("CASEKIT_ANSWERS_DIR", str(folder))
    return folder


def make_set() -> ExerciseSet:
    ex = ExerciseSet("01_demo", title="Demo")
    ex.single_choice(
        "document",
        "What did Almaty adopt?",
        ["A Joint Statement", "An Information Communiqué"],
        answer="An Information Communiqué",
        feedback={"A Joint Statement": "That was Chengdu."},
        explanation="Primary sources say Information Communiqué.",
        max_attempts=2,
        hints=["Think Russian: коммюнике."],
    )
    ex.multiple_select(
        "ministers", "Who sent a foreign minister?", ["China", "Turkmenistan"], answer=["China"]
    )
    ex.numeric("pop", "Population of Kazakhstan (millions)?", answer=20.3, tolerance=0.1)
    ex.categorize(
        "areas",
        "Sort.",
        ["railway", "glaciers"],
        ["transport", "environment"],
        answer={"railway": "transport", "glaciers": "environment"},
    )
    ex.order("series", "Order.", ["2021", "2020"], answer=["2020", "2021"])
    ex.short_text("city", "Secretariat?", answer=["Xi'an"])
    ex.code_check("count", "Count.", answer={"CN": 3, "KZ": 2})
    ex.rating("rating", "Rate.", ["transport", "energy"])
    ex.reflection("reflect", "Reflect.", rubric=["Cite."], min_words=3)
    return ex


def test_submit_saves_and_counts_attempts_and_reveals_explanation_after_last(answers):
    ex = make_set()
    first = ex.submit("document", "A Joint Statement")
    assert first.saved is True and first.attempt == 1 and first.explanation is None
    second = ex["document"].submit("a")
    assert (
        second.attempt == 2 and second.explanation == "Primary sources say Information Communiqué."
    )
    assert ex.attempts("document") == 2
    assert ex.ledger_path == answers / "01_demo.answers.jsonl"


def test_blank_answers_are_checked_but_not_recorded(answers):
    ex = make_set()
    assert ex.submit("document", None).status == "unanswered"
    assert not ex.ledger_path.exists()


def test_restart_restores_last_answer_and_recomputed_feedback(answers):
    ex = make_set()
    ex.submit("document", "A Joint Statement")
    ex.submit("document", "b")
    ex.submit("count", {"CN": 4, "KZ": 2})
    restarted = make_set()  # a new kernel: nothing in memory, only the ledger
    answer, feedback = restarted.restore("document")
    assert answer == "An Information Communiqué" and feedback.correct and feedback.attempt == 2
    assert restarted.restore("count")[1].status == "incorrect"
    assert restarted.restore("city") is None


def test_saving_failure_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CASEKIT_ANSWERS_DIR", str(blocker / "sub"))
    fb = make_set().submit("document", "b")
    assert fb.correct and fb.saved is False
    assert "Not saved" in fb.text


def test_progress_counts_and_says_self_check(answers):
    ex = make_set()
    assert ex.progress().answered == 0 and ex.progress().last_saved is None
    ex.submit("document", "b")
    ex.submit("pop", "25")
    ex.submit(
        "rating",
        {
            "transport": {"opportunity": 3, "dependence risk": 4},
            "energy": {"opportunity": 2, "dependence risk": 2},
        },
    )
    p = progress("01_demo")
    assert (p.total, p.answered, p.autograded, p.correct) == (9, 3, 7, 1)
    assert "self-checks" in p.text and "not grades" in p.text
    assert "3 of 9 questions answered; 1 of 7 self-checked questions correct" in p.text
    assert "CASEKIT_ANSWERS_DIR" in p.text and p.last_saved
    with open(ex.ledger_path, "ab") as handle:
        handle.write(b"garbage\n")
    assert "1 unreadable line(s)" in ex.progress().text


def test_export_writes_one_verifiable_submission(answers, tmp_path):
    ex = make_set()
    ex.submit("document", "a")
    ex.submit("document", "b")
    ex.submit("reflect", "It was short but clear.")
    path = ex.export("s1234567", tmp_path / "out" / "sub.json")
    doc = json.loads(path.read_text())
    assert doc["student"] == "s1234567" and doc["notebook"] == "01_demo"
    assert doc["answers"]["document"] == {
        "answer": "An Information Communiqué",
        "attempts": 2,
        "saved_at": doc["answers"]["document"]["saved_at"],
    }
    assert set(doc["answers"]) == {"document", "reflect"}
    assert doc["questions_fingerprint"] == ex.fingerprint and doc["casekit_version"]
    body = {k: v for k, v in doc.items() if k != "digest"}
    assert doc["digest"] == digest(body)
    with pytest.raises(ValueError, match="student id"):
        ex.export("../etc")


def test_fingerprint_ignores_keys_but_not_prompts():
    a, b = make_set(), make_set()
    assert a.fingerprint == b.fingerprint
    b.short_text("city", "Secretariat seat?", answer=["Xi'an"])
    assert a.fingerprint != b.fingerprint
    c = make_set()
    c.short_text("city", "Secretariat?", answer=["Xian only"])
    assert a.fingerprint == c.fingerprint


def test_rerunning_a_definition_replaces_the_question():
    ex = make_set()
    ex.short_text("city", "Secretariat?", answer=["Xi'an"])
    assert len(ex) == 9
    with pytest.raises(KeyError, match="no question 'nope'"):
        ex["nope"]
    with pytest.raises(RuntimeError, match="belongs to no ExerciseSet"):
        from casekit.exercises import ShortText

        ShortText("x", "p", answer="y").submit("y")


# -- widgets ---------------------------------------------------------------------------
def test_widgets_check_through_traits_and_restore(answers):
    ex = make_set()
    q = ex["document"]
    box = q.widget()
    view = q._view
    assert (
        view.check_button.description == "Check" and view.hint_button.description == "Show a hint"
    )
    view.controls[0].value = "A Joint Statement"
    view.check_button.click()
    assert "✗ Not yet: That was Chengdu." in view.feedback.value
    assert 'role="status"' in view.feedback.value and view.status.value == "Saved (attempt 1 of 2)."
    view.hint_button.click()
    assert "Hint 1 of 1" in view.hint_text.value and view.hint_button.disabled
    view.controls[0].value = "An Information Communiqué"
    view.check_button.click()
    assert "✓ Correct" in view.feedback.value
    assert box.children[0].value.startswith("<p><strong>document</strong>")
    restored = make_set()["document"]
    restored.widget()
    assert restored._view.controls[0].value == "An Information Communiqué"
    assert "✓ Correct" in restored._view.feedback.value


@pytest.mark.parametrize(
    ("qid", "answer", "expected"),
    [
        ("ministers", ["China"], "✓ Correct"),
        ("pop", "20.3", "✓ Correct"),
        ("areas", {"railway": "environment", "glaciers": "environment"}, "◐ Partly correct (50%)"),
        ("series", ["2020", "2021"], "✓ Correct"),
        ("city", "xian", "✓ Correct"),
        (
            "rating",
            {
                "transport": {"opportunity": 1, "dependence risk": 5},
                "energy": {"opportunity": 2, "dependence risk": 2},
            },
            "✎ Recorded",
        ),
        ("reflect", "One two three four.", "✎ Recorded"),
    ],
)
def test_every_kind_has_a_working_widget_that_restores(answers, qid, answer, expected):
    ex = make_set()
    ex[qid].widget()
    view = ex[qid]._view
    view.set_answer(answer)
    assert view.get_answer() == answer
    view.check_button.click()
    assert expected in view.feedback.value
    again = make_set()[qid]
    again.widget()
    assert again._view.get_answer() == answer and expected in again._view.feedback.value


def test_code_check_widget_shows_result_submitted_in_code(answers):
    ex = make_set()
    ex["count"].widget()
    ex["count"].submit({"CN": 3, "KZ": 2})
    assert "✓ Correct" in ex["count"]._view.feedback.value  # updated through its trait


def test_every_control_is_labelled(answers):
    import ipywidgets as widgets

    ex = make_set()
    for q in ex:
        q.widget()
        for control in q._view.controls:
            if isinstance(control, (widgets.HTML, widgets.Label, widgets.VBox)):
                continue
            assert control.description, (q.id, control)
        for button in (q._view.check_button, q._view.hint_button):
            assert button.description and button.tooltip


def test_display_bundle_has_static_text_and_a_widget_view(answers):
    ex = make_set()
    ex.submit("document", "b")
    bundle = ex["document"]._repr_mimebundle_()
    assert bundle["text/plain"] == ex["document"].card()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "Correct" not in bundle["text/plain"]  # stays the same whatever is saved


def test_rating_is_one_named_menu_per_area_and_scale(answers):
    import ipywidgets as widgets

    q = make_set()["rating"]
    q.widget()
    menus = [c for c in q._view.controls if not isinstance(c, widgets.Label)]
    assert [m.description for m in menus] == [
        "transport: opportunity",
        "transport: dependence risk",
        "energy: opportunity",
        "energy: dependence risk",
    ]
    assert all(isinstance(m, widgets.Dropdown) for m in menus)
    assert menus[0].options == (
        ("1 (very low)", 1),
        ("2", 2),
        ("3", 3),
        ("4", 4),
        ("5 (very high)", 5),
    )
    assert {m.value for m in menus} == {3}


def test_feedback_lines_are_hidden_in_voila_only(answers, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    from casekit.exercises.feedback import Feedback

    monkeypatch.delenv("VOILA_KERNEL_ID", raising=False)
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    shell = InteractiveShell.instance()
    try:
        feedback = make_set()["document"].submit(None)
        assert shell.display_formatter.format(feedback)[0] == {"text/plain": feedback.text}
        monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
        make_set()  # an exercise set made in a Voilà kernel installs the hook
        assert shell.display_formatter.format(feedback) == ({}, {})
    finally:
        shell.display_formatter.ipython_display_formatter.pop(Feedback, None)
        InteractiveShell.clear_instance()


def test_import_casekit_loads_neither_ipywidgets_nor_altair():
    code = (
        "import sys, casekit, casekit.exercises as e; e.ExerciseSet; e.SingleChoice; "
        "heavy = ('ipywidgets', 'altair', 'nbformat', 'nbclient'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
