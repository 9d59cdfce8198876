"""What casekit writes: safe in a spreadsheet, all or nothing (issue 12, §2 and §4)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

import casekit
from casekit.cli import main
from tests.hostile import copy_case, edit_descriptor, resource

FORMULA_STARTS = ("=", "+", "-", "@")


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def assert_spreadsheet_safe(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (cell, row)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return copy_case(tmp_path)


# ----------------------------------------------------------------- validate --csv


def _break_meetings(case: Path) -> None:
    path = case / "meetings.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = '"=HYPERLINK(""http://evil.example"",""x"")",' + lines[0]
    lines.append("only,two")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_validate_csv_is_spreadsheet_safe_with_whole_row_numbers(case, capsys):
    _break_meetings(case)
    assert main(["validate", "--csv", str(case)]) == 1
    rows = cells(capsys.readouterr().out)
    header, body = rows[0], rows[1:]
    assert header[:3] == ["table", "row", "line"]
    assert_spreadsheet_safe(rows)
    assert any(c.startswith("'=HYPERLINK") for r in body for c in r)
    numbers = [r[header.index("row")] for r in body if r[header.index("row")]]
    assert numbers and all(n.isdigit() for n in numbers), numbers  # 7, never 7.0
    lines = [r[header.index("line")] for r in body if r[header.index("line")]]
    assert lines and all(n.isdigit() for n in lines), lines


def test_validate_csv_to_a_file_is_atomic_and_safe(case, tmp_path, capsys):
    _break_meetings(case)
    target = tmp_path / "problems.csv"
    assert main(["validate", str(case), "--csv", "--output", str(target)]) == 1
    rows = cells(target.read_text(encoding="utf-8"))
    assert_spreadsheet_safe(rows)
    assert len(rows) > 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# ---------------------------------------------------------------------- code-text

HOSTILE_LEXICON = "area_id,term\nenergy,-2+3\nenergy,=cmd\nenergy,@sum\nenergy,energy\n"


@pytest.mark.parametrize("wide", [False, True])
def test_code_text_neutralises_formula_terms(tmp_path, capsys, wide):
    text = tmp_path / "speech.txt"
    text.write_text("We want -2+3 and =cmd and @sum energy.\n\nNothing.\n", encoding="utf-8")
    lexicon = tmp_path / "lexicon.csv"
    lexicon.write_text(HOSTILE_LEXICON, encoding="utf-8")
    out = tmp_path / "counts.csv"
    argv = ["code-text", str(text), "--lexicon", str(lexicon), "-o", str(out)]
    assert main(argv + (["--wide"] if wide else [])) == 0
    rows = cells(out.read_text(encoding="utf-8"))
    assert_spreadsheet_safe(rows)
    if not wide:
        terms = [r[3] for r in rows[1:] if r[3]]
        assert any("'-2+3" in t or "'=cmd" in t for t in terms), terms
    capsys.readouterr()
    assert main(["code-text", str(text), "--lexicon", str(lexicon)]) == 0
    assert_spreadsheet_safe(cells(capsys.readouterr().out))


def test_code_text_checks_the_output_before_coding(tmp_path, capsys):
    text = tmp_path / "speech.txt"
    text.write_text("energy\n", encoding="utf-8")
    code = main(["code-text", str(text), "-o", "/proc/casekit-test/counts.csv"])
    err = capsys.readouterr().err
    assert code in (1, 2) and "cannot write" in err and err.count("\n") == 1


# ------------------------------------------------------------------------ figures


def _case_meeting_in(case: Path, city: str, iso3: str) -> None:
    """Move the Almaty meeting (fmm-06) to ``city``."""
    path = case / "meetings.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for row in rows[1:]:
        if row[0] == "fmm-06":
            row[header.index("city")] = city
            row[header.index("host_country")] = iso3
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_shipped_gazetteer_holds_the_six_capitals_with_sources():
    from casekit.charts.geo import load_cities

    cities = load_cities()
    capitals = {"Astana", "Bishkek", "Dushanbe", "Ashgabat", "Tashkent", "Beijing"}
    assert capitals <= set(cities["city"])
    shown = cities[cities["city"].isin(capitals)]
    assert set(shown["iso3"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB", "CHN"}
    assert shown["source"].str.startswith("GeoNames ").all()
    assert shown["geonameid"].astype(int).gt(0).all()


@pytest.mark.parametrize(("city", "iso3"), [("Ashgabat", "TKM"), ("Tashkent", "UZB")])
def test_figures_for_a_meeting_in_another_capital(case, tmp_path, capsys, city, iso3):
    _case_meeting_in(case, city, iso3)
    out = tmp_path / "figs"
    assert main(["figures", str(out), "--data", str(case), "--formats", "svg"]) == 0, (
        capsys.readouterr().err
    )
    assert (out / "locator_map.svg").is_file()
    assert city in (out / "descriptions.md").read_text(encoding="utf-8")


def test_only_builds_only_what_it_names(case, tmp_path, capsys):
    _case_meeting_in(case, "Khiva", "UZB")  # in no gazetteer: only the map needs it
    out = tmp_path / "figs"
    argv = ["figures", str(out), "--data", str(case), "--only", "timeline", "--formats", "svg"]
    assert main(argv) == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["descriptions.md", "timeline.svg"]


def test_unknown_city_names_the_cli_option_and_writes_nothing(case, tmp_path, capsys):
    _case_meeting_in(case, "Khiva", "UZB")
    out = tmp_path / "figs"
    code = main(["figures", str(out), "--data", str(case), "--formats", "svg"])
    err = capsys.readouterr().err
    assert code == 1 and "'Khiva'" in err and "--cities" in err and "cities=" not in err
    assert not out.exists()


def test_extra_cities_from_a_csv(case, tmp_path, capsys):
    _case_meeting_in(case, "Khiva", "UZB")
    extra = tmp_path / "extra.csv"
    # a made-up point: this test checks the plumbing, not geography
    extra.write_text("city,lat,lon\nKhiva,41.0,60.0\n", encoding="utf-8")
    out = tmp_path / "figs"
    argv = ["figures", str(out), "--data", str(case), "--cities", str(extra), "--formats", "svg"]
    assert main(argv) == 0, capsys.readouterr().err
    assert "Khiva" in (out / "descriptions.md").read_text(encoding="utf-8")


def test_bad_cities_file_is_one_line(tmp_path, capsys):
    bad = tmp_path / "extra.csv"
    bad.write_text("town,lat\nKhiva,41\n", encoding="utf-8")
    code = main(["figures", str(tmp_path / "figs"), "--cities", str(bad), "--only", "timeline"])
    err = capsys.readouterr().err
    assert code in (1, 2) and err.count("\n") == 1 and "lon" in err


def test_a_failed_figures_run_keeps_the_previous_figures(case, tmp_path, capsys):
    out = tmp_path / "figs"
    out.mkdir()
    (out / "timeline.svg").write_text("previous", encoding="utf-8")
    (out / "descriptions.md").write_text("previous", encoding="utf-8")
    _case_meeting_in(case, "Khiva", "UZB")
    assert main(["figures", str(out), "--data", str(case), "--formats", "svg"]) == 1
    assert (out / "timeline.svg").read_text(encoding="utf-8") == "previous"
    assert (out / "descriptions.md").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "figs"]


# ----------------------------------------------------------------------- scaffold


def test_scaffold_readme_names_the_real_folder(tmp_path, capsys):
    folder = tmp_path / "work" / "cases" / "sco"
    assert main(["scaffold", "sco-fmm-2024", str(folder)]) == 0
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"casekit validate {folder}" in readme
    assert "casekit validate sco-fmm-2024" not in readme


@pytest.mark.parametrize("name", ["sco.fmm", "sco_fmm", "Sco-fmm", "-sco", "sco fmm", ""])
def test_scaffold_name_check_and_message_agree(tmp_path, name):
    with pytest.raises(ValueError) as caught:
        casekit.scaffold(name, tmp_path / "x")
    message = str(caught.value)
    assert "lower-case letters, digits and '-'" in message
    assert not (tmp_path / "x").exists()


def test_scaffold_accepts_what_its_message_promises(tmp_path):
    for name in ("sco-fmm-2024", "a", "2024", "c5-plus-x"):
        assert casekit.validate(casekit.scaffold(name, tmp_path / name)).ok


ARTICLE_WORDS = (
    "Almaty",
    "src-article",
    "1 to 11",
    "3 to 8",
    "Caspian",
    "fmm-0",
    "evt-0",
    "this package is built around",
    "numbered as in README.md",
)
#: The shared vocabularies are copied with their rows, and their descriptions describe
#: those rows (which rest on casekit's fact sheet); every other table is the new case's.
SHARED = {"areas", "countries", "lexicon"}


def test_scaffolded_codebook_is_generic(tmp_path):
    folder = casekit.scaffold("sco-fmm-2024", tmp_path / "sco")
    text = casekit.codebook_markdown(folder)
    found = [w for w in ARTICLE_WORDS if w in text]
    assert found == [], found
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert "Always src-article" not in json.dumps(descriptor)
    for res in descriptor["resources"]:
        if res["name"] in SHARED:
            continue
        texts = [res.get("description", "")] + [
            f"{f.get('title', '')} {f.get('description', '')}" for f in res["schema"]["fields"]
        ]
        for words in ("fact sheet", "peacesciencer", "article's", "source article", "Almaty"):
            assert not any(words in t for t in texts), (res["name"], words)


def test_a_failed_scaffold_leaves_no_half_written_case(case, tmp_path):
    (case / "countries.csv").unlink()  # a shared table the scaffold copies
    target = tmp_path / "new-case"
    with pytest.raises(ValueError):
        casekit.scaffold("new-case", target, source=case)
    assert not target.exists() or not any(target.iterdir())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_scaffold_into_an_uncreatable_folder(capsys):
    code = main(["scaffold", "x", "/proc/casekit-test/x"])
    err = capsys.readouterr().err
    assert code in (1, 2) and "cannot write" in err and err.count("\n") == 1


def test_codebook_write_does_not_follow_a_symlink_out(case, tmp_path, capsys):
    outside = tmp_path / "outside.md"
    outside.write_text("keep me", encoding="utf-8")
    (case / "CODEBOOK.md").unlink(missing_ok=True)
    (case / "CODEBOOK.md").symlink_to(outside)
    main(["codebook", str(case), "--write"])
    assert outside.read_text(encoding="utf-8") == "keep me"
    shutil.rmtree(case)


def test_lexicon_table_path_inside_a_case_is_contained(case):
    edit_descriptor(case, lambda d: resource(d, "lexicon").__setitem__("path", "../lexicon.csv"))
    report = casekit.validate(case)
    assert any(p.table == "lexicon" and p.rule == "resource-path" for p in report.problems)
