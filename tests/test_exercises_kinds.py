"""Every question kind, checked with no browser, no widget and no ledger."""

from __future__ import annotations

import pandas as pd
import pytest

from casekit.exercises import (
    Categorize,
    CodeCheck,
    Feedback,
    MultipleSelect,
    Numeric,
    Order,
    Rating,
    Reflection,
    ShortText,
    SingleChoice,
    question_from_spec,
)
from casekit.exercises.keys import NOTICE, seal, unseal


def single() -> SingleChoice:
    return SingleChoice(
        "document",
        "What did Almaty adopt?",
        ["A Joint Statement", "An Information Communiqué", "The Almaty Declaration"],
        answer="An Information Communiqué",
        feedback={"A Joint Statement": "That was Chengdu."},
        explanation="Primary sources call it an Information Communiqué.",
        hints=["Russian: Информационное коммюнике.", "Not a declaration."],
        max_attempts=2,
    )


def test_single_choice_by_text_letter_and_normalised_text():
    q = single()
    assert q.check("An Information Communiqué").correct
    assert q.check("b").correct
    assert q.check("B)").correct
    assert q.check("  an information communique ").correct
    assert q.check(["b"]).correct


def test_single_choice_wrong_option_names_the_misconception():
    fb = single().check("a")
    assert fb.status == "incorrect" and fb.score == 0
    assert fb.message == "That was Chengdu."
    assert fb.explanation is None  # only after a correct answer or the last attempt


def test_single_choice_unreadable_and_blank_answers_do_not_raise():
    q = single()
    assert q.check("z").status == "invalid"
    assert "not one of the options" in q.check("Treaty of Rome").message
    for blank in (None, "", "   ", ..., [], {}):
        assert q.check(blank).status == "unanswered"
    assert q.check(["a", "b"]).status == "invalid"
    assert q.check(3.5).status == "invalid"


def test_correct_answer_reveals_the_explanation():
    fb = single().check("b")
    assert fb.explanation == "Primary sources call it an Information Communiqué."
    assert "Explanation:" in fb.text


def test_feedback_repr_is_short_deterministic_and_has_symbol_and_words():
    q = single()
    assert repr(q.check("b")) == "✓ Correct: An Information Communiqué."
    assert repr(q.check("a")) == "✗ Not yet: That was Chengdu."
    assert repr(q.check(None)).startswith("… Not answered yet")
    long = Feedback("incorrect", "x" * 500)
    assert len(repr(long)) <= 160 and repr(long).endswith("…")
    assert repr(q) == "SingleChoice('document')"
    with pytest.raises(ValueError, match="unknown feedback status"):
        Feedback("great", "")


def test_hints_are_revealed_one_at_a_time():
    q = single()
    assert q.hint(1) == "Hint 1 of 2: Russian: Информационное коммюнике."
    assert q.hint(2).startswith("Hint 2 of 2")
    assert "No more hints" in q.hint(3)


def test_multiple_select_partial_credit_and_misconceptions():
    q = MultipleSelect(
        "ministers",
        "Who sent a foreign minister?",
        ["China", "Kazakhstan", "Kyrgyzstan", "Turkmenistan"],
        answer=["China", "Kazakhstan", "Kyrgyzstan"],
        feedback={"Turkmenistan": "An ambassador came.", "Kazakhstan": "The host attended."},
    )
    assert q.check(["China", "Kazakhstan", "Kyrgyzstan"]).correct
    assert q.check("a, b, c").correct
    fb = q.check(["China", "Kyrgyzstan"])
    assert fb.status == "partial" and fb.score == pytest.approx(2 / 3)
    assert "The host attended." in fb.details
    fb = q.check(["China", "Turkmenistan"])
    assert fb.score == 0 and fb.status == "incorrect"
    assert "An ambassador came." in fb.details
    assert q.check(q.options).score == pytest.approx(2 / 3)  # ticking everything is penalised
    assert q.check(
        {"China": True, "Kazakhstan": True, "Kyrgyzstan": True, "Turkmenistan": False}
    ).correct


def test_categorize_scores_share_placed_right():
    q = Categorize(
        "areas",
        "Sort them.",
        ["railway", "anti-drug centre", "glaciers"],
        ["transport", "security", "environment"],
        answer={"railway": "transport", "anti-drug centre": "security", "glaciers": "environment"},
        feedback={"glaciers": "Environmental diplomacy (para 8)."},
    )
    assert q.check(dict(q.answer)).correct
    fb = q.check({"railway": "transport", "glaciers": "security"})
    assert fb.status == "partial" and fb.score == pytest.approx(1 / 3)
    assert "1 not placed yet" in fb.message
    assert fb.details == ("Environmental diplomacy (para 8).",)
    assert q.check({"railway": "space"}).status == "invalid"
    assert q.check(["railway"]).status == "invalid"


def test_order_scores_pairs_and_rejects_repeats():
    items = ["2022", "2020", "2021"]
    q = Order(
        "series",
        "Order them.",
        items,
        answer=["2020", "2021", "2022"],
        feedback={"2022": "Nur-Sultan came third."},
    )
    assert q.check(["2020", "2021", "2022"]).correct
    assert q.check("b, c, a").correct
    fb = q.check(["2021", "2020", "2022"])
    assert fb.status == "partial" and fb.score == pytest.approx(2 / 3)
    assert q.check(["2022", "2021", "2020"]).score == 0
    assert q.check(["2020", "2020", "2022"]).status == "invalid"
    assert q.check(["2020", "2021"]).status == "invalid"


def test_numeric_tolerance_units_and_ranges():
    q = Numeric(
        "pop",
        "Population in millions?",
        answer=20.286084,
        tolerance=0.1,
        units=["million", "m"],
        feedback=[[1e6, 1e9, "Give millions."], [37, 38, "That is Uzbekistan."]],
    )
    for good in (20.3, "20.3", "20,3", " 20.2 million", "20.35m", 20.25):
        assert q.check(good).correct, good
    assert q.check(20286084).message == "Give millions."
    assert q.check("37.5").message == "That is Uzbekistan."
    assert q.check("21").status == "incorrect"
    assert q.check("twenty").status == "invalid"
    assert q.check("1e999").status == "invalid"
    assert q.check(True).status == "invalid"
    rel = Numeric("r", "Relative?", answer=1500, tolerance=0.01, relative=True)
    assert rel.check("1,510").correct and not rel.check("1,520").correct


def test_short_text_normalisation_aliases_typos():
    q = ShortText(
        "city",
        "Seat of the Secretariat?",
        answer=["Xi'an", "西安"],
        typos=1,
        feedback={"Almaty": "Launched in 2024 elsewhere."},
    )
    for good in ("Xi'an", "xian", "XI’AN", "  Xi-an ", "西安", "Xi'ann"):
        assert q.check(good).correct, good
    assert q.check("almaty!").message == "Launched in 2024 elsewhere."
    assert q.check("Astana").status == "incorrect"
    assert q.check("x" * 501).status == "invalid"
    assert q.check(42).status == "invalid"


def test_code_check_series_dataframe_scalar_and_targeted_hints():
    meetings = pd.DataFrame(
        {
            "chair": ["CN", "CN", "KZ", "CN", "CN", "KZ"],
            "in_person": [False, True, True, True, True, True],
        }
    )
    q = CodeCheck(
        "count",
        "Count in person per chair.",
        answer={"CN": 3, "KZ": 2},
        feedback=[[{"CN": 4, "KZ": 2}, "You kept the video meeting."], [5, "Split by chair."]],
    )
    assert q.check(meetings[meetings["in_person"]].groupby("chair").size()).correct
    assert q.check({"CN": 3.0000000001, "KZ": 2}).correct
    assert q.check(meetings.groupby("chair").size()).message == "You kept the video meeting."
    assert q.check(int(meetings["in_person"].sum())).message == "Split by chair."
    assert "labels missing: KZ" in q.check({"CN": 3}).message
    assert "check the value(s) for KZ" in q.check({"CN": 3, "KZ": 7}).message
    assert "expected labelled values" in q.check("three").message
    frame = CodeCheck(
        "frame", "Make the table.", answer={"columns": ["a"], "index": [0, 1], "data": [[1], [2]]}
    )
    assert frame.check(pd.DataFrame({"a": [1, 2]}, index=[5, 6])).correct  # index ignored
    assert "columns should be" in frame.check(pd.DataFrame({"b": [1, 2]})).message
    assert "expected 2 rows" in frame.check(pd.DataFrame({"a": [1]})).message
    assert CodeCheck("n", "Mean?", answer=0.1, tolerance=0.01).check(0.105).correct
    assert q.check(object()).status == "invalid"


def test_rating_is_recorded_and_compared_not_graded():
    q = Rating(
        "rating",
        "Rate.",
        ["transport", "energy"],
        answer={
            "transport": {"opportunity": 4, "dependence risk": 4},
            "energy": {"opportunity": 4, "dependence risk": 3},
        },
    )
    mine = {
        "transport": {"opportunity": 5, "dependence risk": 4},
        "energy": {"opportunity": 4, "dependence risk": 1},
    }
    fb = q.check(mine)
    assert fb.status == "recorded" and fb.score is None
    assert "transport: opportunity 5 (higher than the reference 4)" in fb.details[0]
    assert "0.8 points" in fb.message
    assert q.check({"transport": {"opportunity": 9}}).status == "invalid"
    assert q.autograded is False and q.points == 0


def test_reflection_counts_words_and_shows_rubric():
    q = Reflection("reflect", "Why?", rubric=["Cite a paragraph."], min_words=5)
    fb = q.check("Too short, isn't it?")
    assert fb.status == "recorded" and "4 words" in fb.message and "at least 5" in fb.message
    assert fb.details == ("Rubric: Cite a paragraph.",)
    assert q.check("   ").status == "unanswered"


@pytest.mark.parametrize(
    "question",
    [
        single(),
        MultipleSelect("m", "p", ["a1", "b1"], answer=["a1"]),
        Categorize("c", "p", ["x", "y"], ["k1", "k2"], answer={"x": "k1", "y": "k2"}),
        Order("o", "p", ["x", "y"], answer=["y", "x"]),
        Numeric("n", "p", answer=3, tolerance=0.5, units=["m"]),
        ShortText("s", "p", answer=["one", "uno"], typos=1),
        CodeCheck("k", "p", answer={"a": 1}, feedback=[[2, "two"]]),
        Rating(
            "r",
            "p",
            ["x", "y"],
            answer={
                "x": {"opportunity": 1, "dependence risk": 2},
                "y": {"opportunity": 3, "dependence risk": 4},
            },
        ),
        Reflection("f", "p", rubric=["r1"], min_words=3),
    ],
)
def test_spec_round_trip_plain_and_sealed(question):
    plain = question.spec()
    assert question_from_spec(plain).spec() == plain
    sealed = question.spec(sealed=True)
    assert "answer" not in sealed and sealed.get("key", "ck1:").startswith("ck1:")
    assert question_from_spec(sealed).spec() == plain
    assert question.spec(include_key=False) == {
        k: v for k, v in plain.items() if k not in ("answer", "feedback", "explanation")
    }


def test_sealed_key_hides_the_answer_text_but_is_only_obfuscation():
    q = single()
    key = q.spec(sealed=True)["key"]
    assert "Communiqué" not in key and "Chengdu" not in key
    assert unseal(key, "document")["answer"] == "An Information Communiqué"  # anyone can decode it
    with pytest.raises(ValueError, match="does not decode"):
        unseal(key, "other-question")
    with pytest.raises(ValueError, match="not a casekit key"):
        unseal("plain text", "document")
    assert "self-check" in NOTICE and "not a secret" in NOTICE
    assert unseal(seal({"a": [1, "ü"]}, "x"), "x") == {"a": [1, "ü"]}


def test_definition_errors_name_the_question():
    with pytest.raises(ValueError, match=r"'document'.*not one of the options"):
        SingleChoice("document", "p", ["a", "b"], answer="c")
    with pytest.raises(ValueError, match="question id 'Bad Id'"):
        SingleChoice("Bad Id", "p", ["a", "b"], answer="a")
    with pytest.raises(ValueError, match="needs answer="):
        ShortText("s", "p")
    with pytest.raises(ValueError, match="either key= or answer="):
        ShortText("s", "p", answer="x", key=seal({"answer": "x"}, "s"))
    with pytest.raises(ValueError, match="distinct"):
        SingleChoice("d", "p", ["a", "a"], answer="a")
    with pytest.raises(ValueError, match="every item exactly once"):
        Order("o", "p", ["x", "y"], answer=["x"])
    with pytest.raises(ValueError, match="unknown question kind"):
        question_from_spec({"kind": "essay"})


def test_card_is_plain_text_for_frontends_without_widgets():
    card = single().card()
    assert card.splitlines()[0] == "[single choice] document: What did Almaty adopt?"
    assert "  b) An Information Communiqué" in card
    assert "Communiqué" in card and "That was Chengdu" not in card  # no feedback leaks
