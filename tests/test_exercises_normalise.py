"""Property tests for answer normalisation: what students type must compare sensibly."""

from __future__ import annotations

import math

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from casekit.exercises import ShortText
from casekit.exercises.normalise import AnswerError, levenshtein, normalise_text, parse_number

settings.register_profile("casekit", max_examples=200, deadline=None)
settings.load_profile("casekit")

text = st.text(max_size=60)
ascii_words = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


@given(text)
@example("ǅ")  # titlecase digraph: NFKC, casefold and mark-stripping interact
@example("ﬃ ﬁ")
@example("İstanbul")
def test_normalise_is_idempotent(s):
    once = normalise_text(s)
    assert normalise_text(once) == once


@given(text)
def test_normalised_text_has_no_outer_or_double_spaces(s):
    out = normalise_text(s)
    assert out == out.strip()
    assert "  " not in out
    assert out == out.casefold() or normalise_text(out) == out


@given(ascii_words)
def test_case_and_surrounding_space_do_not_matter(s):
    assert normalise_text(s.upper()) == normalise_text(s.lower()) == normalise_text(f"  {s}\t\n")


@given(ascii_words, st.sampled_from([" ", "  ", "\t", " - ", ", "]))
def test_separators_between_words_do_not_matter(s, sep):
    words = s.split()
    assume(words)
    assert normalise_text(sep.join(words)) == normalise_text(" ".join(words))


@given(st.sampled_from(["Xi'an", "Xi’an", "XI`AN", "xian", "Xi'an.", "  xi’an!"]))
def test_apostrophe_variants_match(s):
    assert ShortText("city", "p", answer="Xi'an").check(s).correct


@given(st.text(alphabet="éèêëáàâäíïóöôúüçñ", min_size=1, max_size=10))
def test_accents_fold_to_plain_letters(s):
    assert normalise_text(s).isascii()


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_read_back_in_every_common_format(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:_}".replace("_", " ")) == n
    assert parse_number(str(n).replace("-", "\u2212")) == n


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_read_back_from_repr(x):
    assert parse_number(repr(x)) == x
    assert parse_number(x) == x


@given(st.text(max_size=30))
def test_parse_number_reads_or_raises_answer_error_only(s):
    try:
        value = parse_number(s)
    except AnswerError:
        return
    assert isinstance(value, float)
    assert not math.isnan(value) or "nan" in s.casefold()


@given(text, text)
def test_short_text_check_never_raises(answer, key):
    assume(normalise_text(key))
    fb = ShortText("q", "p", answer=key, typos=1).check(answer)
    assert fb.status in {"correct", "incorrect", "invalid", "unanswered"}
    if normalise_text(answer) == normalise_text(key):
        assert fb.correct


@given(st.text(max_size=12), st.text(max_size=12))
def test_levenshtein_is_a_symmetric_distance(a, b):
    d = levenshtein(a, b)
    assert d == levenshtein(b, a)
    assert (d == 0) == (a == b)
    assert abs(len(a) - len(b)) <= d <= max(len(a), len(b))
    assert levenshtein(a, b, limit=1) == min(d, 2) if d > 1 else levenshtein(a, b, limit=1) == d
