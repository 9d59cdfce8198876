"""The coding scheme as a lexicon: loading, matching rules, counts, keyword in context, chart."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from casekit.charts import theme
from casekit.package.problems import ValidationError
from casekit.resources import data_root as builtin_root
from casekit.text import (
    DEFAULT_AREAS,
    Lexicon,
    builtin_areas,
    default_lexicon_path,
    default_text_path,
    kwic,
    lexicon_from_mapping,
    load_lexicon,
    read_paragraphs,
    split_paragraphs,
    theme_counts,
    themes_chart,
)


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rules(exc: pytest.ExceptionInfo) -> set[str]:
    return {p.rule for p in exc.value.problems}


# ----------------------------------------------------------------------- shipped files


def test_shipped_lexicon_covers_the_nine_areas_in_order():
    lexicon = load_lexicon()
    with open(builtin_root() / "areas.csv", newline="", encoding="utf-8") as handle:
        table = sorted(csv.DictReader(handle), key=lambda row: int(row["sort_order"]))
    assert lexicon.areas == builtin_areas() == tuple(row["area_id"] for row in table)
    assert set(lexicon.areas) == set(DEFAULT_AREAS) == set(theme.AREA_ORDER)
    assert all(len(terms) >= 5 for terms in lexicon.terms.values())
    assert default_lexicon_path().name == "lexicon.csv"


def test_demo_text_has_one_paragraph_per_article_paragraph():
    paragraphs = read_paragraphs()
    assert len(paragraphs) == 11
    assert default_text_path() == builtin_root() / "texts" / "almaty-article-summary.txt"
    counts = theme_counts()
    per_para = counts.groupby("para")["count"].sum()
    assert list(per_para.index) == list(range(1, 12))
    assert (per_para > 0).all(), "every summary paragraph should touch some area"


def test_demo_text_codes_the_themes_the_article_discusses_where_it_does():
    wide = theme_counts(wide=True).set_index("para")
    # para 5: security (three evil forces, drug trafficking); para 7: soft power
    assert wide.loc[5, "security"] >= 3
    assert wide.loc[7, "culture"] >= 3 and wide.loc[7, "health"] >= 3
    assert wide.loc[8, "environment_climate"] >= 3
    assert wide.loc[4, "transport_logistics"] >= 3


# ----------------------------------------------------------------------- matching rules


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (["oil"], "Oil, not turmoil or oilfield.", 1),  # whole words, case ignored
        (["railway*"], "Railways and a railway; not a rail.", 2),  # trailing wildcard
        (["AI"], "AI centres; he said it was fair; ai lower case.", 1),  # acronym: case counts
        (["soft power"], "Soft\npower and soft  power.", 2),  # phrase across any whitespace
        (["low-carbon"], "Low-carbon and low carbon.", 1),  # hyphen is literal
        (["health*", "Healthy Silk Road"], "The Healthy Silk Road and e-health.", 2),  # longest
    ],
)
def test_matching_rules(terms, text, expected):
    counts = theme_counts([text], {"health": terms} if "health*" in terms else {"energy": terms})
    assert int(counts["count"].sum()) == expected


def test_overlapping_term_counts_once_per_area_and_names_the_longest_term():
    counts = theme_counts(["The Healthy Silk Road."], {"health": ["health*", "Healthy Silk Road"]})
    row = counts.iloc[0]
    assert (row["count"], row["terms"]) == (1, "Healthy Silk Road")


def test_a_word_can_count_for_two_areas():
    counts = theme_counts(
        ["energy security"],
        {"energy": ["energy"], "security": ["security"], "institutions": ["energy security"]},
    )
    assert counts.set_index("area_id")["count"].to_dict() == {
        "energy": 1,
        "security": 1,
        "institutions": 1,
    }


def test_counts_are_tidy_with_zeros_and_area_order():
    counts = theme_counts(["nothing here", "railway and energy"])
    assert list(counts.columns) == ["para", "area_id", "count", "terms"]
    assert len(counts) == 2 * len(DEFAULT_AREAS)
    assert counts["area_id"].cat.ordered
    assert list(counts["area_id"].cat.categories) == list(builtin_areas())
    assert counts.loc[counts.para == 1, "count"].sum() == 0
    wide = theme_counts(["nothing here", "railway and energy"], wide=True)
    assert list(wide.columns) == ["para", *builtin_areas()]
    assert wide.loc[1, "energy"] == 1


def test_text_given_as_string_is_split_into_paragraphs():
    assert split_paragraphs("a\nb\r\n\r\n  \n\nc\rd\n") == ["a b", "c d"]
    counts = theme_counts("railway\n\n\nenergy", {"energy": ["energy"]})
    assert counts["count"].tolist() == [0, 1]


def test_file_name_given_as_text_is_refused_with_a_hint():
    with pytest.raises(ValueError, match="looks like a file name"):
        theme_counts("my_speech.txt")


def test_path_object_reads_the_file(tmp_path):
    path = write(tmp_path / "t.txt", "energy\n\nrailway")
    counts = theme_counts(path, wide=True)
    assert counts["energy"].tolist() == [1, 0]


# ----------------------------------------------------------------------- keyword in context


def test_kwic_by_area_and_by_term():
    hits = kwic(area="health")
    assert set(hits["area_id"]) == {"health"}
    assert (hits["para"] == 7).any()
    assert hits["keyword"].str.lower().str.startswith(("health", "e-health", "medic")).all()
    free = kwic(term="Healthy Silk Road")
    assert free["keyword"].tolist() == ["Healthy Silk Road"]
    assert free["area_id"].isna().all()


def test_kwic_context_does_not_cut_words():
    hits = kwic("New railways and one railway.", "railway*", width=10)
    assert hits[["left", "keyword", "right"]].values.tolist() == [
        ["New", "railways", "and one"],
        ["and one", "railway", "."],
    ]


def test_kwic_needs_exactly_one_of_term_and_area():
    with pytest.raises(ValueError, match="either term"):
        kwic("text")
    with pytest.raises(ValueError, match="either term"):
        kwic("text", "oil", area="energy")
    with pytest.raises(KeyError, match="no area 'trade'"):
        kwic("text", area="trade")
    with pytest.raises(ValueError, match="not a usable term"):
        kwic("text", "oil* gas*")


# ----------------------------------------------------------------------- bad lexicons


def test_unknown_area_is_named_with_row_and_suggestion(tmp_path):
    path = write(tmp_path / "lex.csv", "area_id,term\nenergy,oil\nenergi,gas\n")
    with pytest.raises(ValidationError) as exc:
        load_lexicon(path)
    (problem,) = exc.value.problems
    assert (problem.table, problem.row, problem.column, problem.rule) == (
        "lexicon",
        2,
        "area_id",
        "allowed-values",
    )
    assert "'energi'" in problem.message and "did you mean 'energy'" in problem.hint
    assert problem.path == str(path)


def test_researcher_areas_are_accepted_when_declared(tmp_path):
    path = write(tmp_path / "lex.csv", "area_id,term\nagriculture,wheat\nenergy,oil\n")
    lexicon = load_lexicon(path, areas=[*builtin_areas(), "agriculture"])
    assert lexicon.areas == ("energy", "agriculture")


def test_every_problem_of_a_lexicon_is_listed(tmp_path):
    path = write(
        tmp_path / "lex.csv",
        "area_id,term\n"
        "energy,\n"  # empty term
        ",oil\n"  # empty area
        "energy,a*b\n"  # wildcard inside
        "energy, gas\n"  # leading space
        "energy,Oil\n"
        "energy,oil\n"  # repeats Oil apart from case
        "energy,Oil\n",
    )  # exact repeat
    with pytest.raises(ValidationError) as exc:
        load_lexicon(path)
    found = {(p.row, p.rule) for p in exc.value.problems}
    assert {
        (1, "required"),
        (2, "required"),
        (3, "pattern"),
        (4, "pattern"),
        (6, "duplicate-key"),
        (7, "duplicate-key"),
    } <= found
    assert "'*' is allowed only at the end" in str(exc.value)


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        (b"", "empty-file"),
        (b"area_id,term\n", "empty-file"),
        (b"area,term\nenergy,oil\n", "missing-column"),
        (b"area_id,term\nenergy,p\xe9trole\n", "encoding"),
        (b'area_id,term\nenergy,"oil\n', "csv-syntax"),
    ],
)
def test_broken_lexicon_files(tmp_path, content, rule):
    path = write(tmp_path / "lex.csv", content)
    with pytest.raises(ValidationError) as exc:
        load_lexicon(path)
    assert rule in rules(exc)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(ValidationError, match="no lexicon file"):
        load_lexicon(tmp_path / "nope.csv")


def test_lexicon_from_mapping_checks_like_the_file():
    lexicon = lexicon_from_mapping({"energy": ["oil", "gas"], "security": "border*"})
    assert isinstance(lexicon, Lexicon) and len(lexicon) == 3
    assert lexicon.to_frame().values.tolist() == [
        ["energy", "oil"],
        ["energy", "gas"],
        ["security", "border*"],
    ]
    with pytest.raises(ValidationError) as exc:
        lexicon_from_mapping({"trade": ["tariff"], "energy": ["oil", "oil", "*"]})
    assert rules(exc) == {"allowed-values", "duplicate-key", "pattern"}


# ----------------------------------------------------------------------- bad texts


@pytest.mark.parametrize(
    ("content", "rule", "words"),
    [
        (b"first line\n\xff\xfe broken", "encoding", "byte 0xff at line 2"),
        (b"", "empty-file", "holds no text"),
        (b"  \n\n\t\n", "empty-file", "holds no text"),
    ],
)
def test_unusable_texts_give_a_clear_error(tmp_path, content, rule, words):
    path = write(tmp_path / "speech.txt", content)
    with pytest.raises(ValidationError) as exc:
        read_paragraphs(path)
    (problem,) = exc.value.problems
    assert problem.rule == rule and words in problem.message
    assert problem.path == str(path) and problem.hint


def test_missing_text_and_folder(tmp_path):
    with pytest.raises(ValidationError, match="no text file"):
        read_paragraphs(tmp_path / "nope.txt")
    with pytest.raises(ValidationError, match="is a folder"):
        read_paragraphs(tmp_path)


def test_utf8_with_bom_and_windows_line_ends(tmp_path):
    path = write(tmp_path / "w.txt", "\ufeffOne\r\ntwo\r\n\r\nThree".encode())
    assert read_paragraphs(path) == ["One two", "Three"]


# ----------------------------------------------------------------------- chart


def test_themes_chart_draws_and_describes_the_counts():
    from casekit.charts import describe

    chart = themes_chart(theme_counts())
    spec = chart.to_dict()
    assert spec["layer"][0]["mark"]["type"] == "rect"
    text = describe(chart)
    assert "11 paragraphs" in text and "most frequent" in text
    assert text == describe(themes_chart(theme_counts()))  # deterministic


def test_themes_chart_refuses_a_frame_without_counts():
    from casekit.charts import ChartDataError

    with pytest.raises(ChartDataError, match="count"):
        themes_chart(pd.DataFrame({"para": [1], "area_id": ["energy"]}))


def test_importing_text_does_not_import_altair():
    code = "import sys, casekit.text; casekit.text.theme_counts(); print('altair' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"


# ----------------------------------------------------------------------- command line


@pytest.fixture
def run_cli(capsys):
    """Run the ``casekit`` command in-process; return (exit code, stdout, stderr)."""
    from casekit.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_code_text_command_writes_csv(tmp_path, run_cli):
    out = tmp_path / "counts.csv"
    code, stdout, stderr = run_cli("code-text", str(default_text_path()), "-o", str(out))
    assert code == 0, stderr
    assert "coded 11 paragraphs" in stdout
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["para", "area_id", "count", "terms"]
    assert len(frame) == 11 * 9
    code, _, stderr = run_cli("code-text", str(default_text_path()), "-o", str(out))
    assert code == 2 and "--force" in stderr


def test_code_text_command_with_own_lexicon_and_wide(tmp_path, run_cli):
    text = write(tmp_path / "t.txt", "Oil and gas.\n\nA railway.")
    lexicon = write(tmp_path / "lex.csv", "area_id,term\nenergy,oil\nenergy,gas\n")
    code, stdout, stderr = run_cli("code-text", str(text), "--lexicon", str(lexicon), "--wide")
    assert code == 0, stderr
    assert stdout.splitlines() == ["para,energy", "1,2", "2,0"]


@pytest.mark.parametrize(
    ("text", "lexicon", "message"),
    [
        (b"\xe9t\xe9", None, "not UTF-8"),
        (b"", None, "holds no text"),
        (b"oil", b"area_id,term\ntrade,tariff\n", "'trade' is not an allowed value"),
    ],
)
def test_code_text_command_errors_are_clear(tmp_path, run_cli, text, lexicon, message):
    args = ["code-text", str(write(tmp_path / "t.txt", text))]
    if lexicon is not None:
        args += ["--lexicon", str(write(tmp_path / "lex.csv", lexicon))]
    code, _, stderr = run_cli(*args)
    assert code == 2
    assert message in stderr
    assert "Traceback" not in stderr


def test_fast_matching_equals_a_plain_scan_of_every_pattern():
    lexicon = lexicon_from_mapping(
        {
            "energy": ["energy", "oil", "low-carbon", "power plant*", "(gas)"],
            "health": ["health*", "Healthy Silk Road", "e-health"],
            "digital_ai": ["AI", "IT", "digital*", "artificial intelligence"],
        }
    )
    texts = [
        *read_paragraphs(),
        "e-health and the Healthy Silk Road; AI, ai, IT, it.",
        "Power plants, power  plant, low-carbon low carbon (gas) gas digitalAI.",
        "Ünïcode énergie oil-rich oil_field _oil healthhealth",
    ]
    for text in texts:
        fast = lexicon.matches(text)
        for area in lexicon.areas:
            plain = [m.span() for m in lexicon.pattern(area).finditer(text)]
            assert [m.span() for m in fast[area]] == plain, (area, text)
    shipped = load_lexicon()
    for text in read_paragraphs():
        fast = shipped.matches(text)
        for area in shipped.areas:
            assert [m.span() for m in fast[area]] == [
                m.span() for m in shipped.pattern(area).finditer(text)
            ]
