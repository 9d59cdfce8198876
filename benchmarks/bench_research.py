"""Researchers' toolkit: coding a long text with the lexicon, and combining large cases."""

from __future__ import annotations

import tempfile
from pathlib import Path

from harness import Measurement, median, timings

TEXT_COPIES = (100, 1_000)  # copies of the 11-paragraph demo text
CASE_ROWS = (1_000, 10_000, 100_000)  # event rows in each of the two combined cases


def coding() -> list[Measurement]:
    """Read and code a text of 1,100 and 11,000 paragraphs (the demo text repeated)."""
    from casekit.text import default_text_path, load_lexicon, read_paragraphs, theme_counts

    lexicon = load_lexicon()
    demo = default_text_path().read_text(encoding="utf-8").strip()
    out, seconds = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for copies in TEXT_COPIES:
            path = Path(tmp) / f"long{copies}.txt"
            path.write_text("\n\n".join([demo] * copies), encoding="utf-8")
            words = len(path.read_text(encoding="utf-8").split())
            paragraphs = 11 * copies

            def code(path=path):
                return theme_counts(read_paragraphs(path), lexicon)

            assert len(code()) == paragraphs * len(lexicon.areas)
            seconds[copies] = median(timings(code, repeat=3))
            big = copies == TEXT_COPIES[-1]
            out.append(
                Measurement(
                    f"read + code {paragraphs:,} paragraphs ({words:,} words, "
                    f"{len(lexicon)} terms)",
                    seconds[copies],
                    "s",
                    "< 2 s" if big else "-",
                    not big or seconds[copies] < 2,
                    f"{words / seconds[copies]:,.0f} words/s",
                )
            )
    low, high = TEXT_COPIES
    growth = seconds[high] / seconds[low]
    out.append(
        Measurement(
            f"growth from {11 * low:,} to {11 * high:,} paragraphs",
            growth,
            "x",
            "about 10 (linear)",
            growth < 15,
        )
    )
    return out


def combining() -> list[Measurement]:
    """combine() two loaded cases whose events tables have 1,000 to 100,000 rows each."""
    from bench_data import synthetic_case

    import casekit
    from casekit.research.combine import combine

    out, seconds = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in CASE_ROWS:
            case = casekit.load(synthetic_case(n, Path(tmp) / f"case{n}"))

            def join(case=case):
                return combine([case, case], names=["a", "b"])

            assert len(join().events) == 2 * n
            seconds[n] = median(timings(join, repeat=3))
            big = n == CASE_ROWS[-1]
            out.append(
                Measurement(
                    f"combine 2 cases of {n:,} event rows each",
                    seconds[n],
                    "s",
                    "< 1 s" if big else "-",
                    not big or seconds[n] < 1,
                )
            )
    growth = seconds[CASE_ROWS[-1]] / seconds[CASE_ROWS[-2]]
    out.append(
        Measurement(
            "growth from 10,000 to 100,000 rows",
            growth,
            "x",
            "about 10 (linear)",
            growth < 15,
            "fixed costs (other tables, shared-table merge) dominate small cases",
        )
    )
    return out


def run() -> list[Measurement]:
    return coding() + combining()
