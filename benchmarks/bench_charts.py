"""Charts: build plus `to_dict()` per chart (budget 50 ms each) and export of every figure.

Each chart is built from `casekit.load()` (two rows: from the Almaty and Astana cases
combined, budget 100 ms) and turned into its Vega-Lite dict with
altair's default validation, which is what displaying it in a notebook costs. The
baseline in the same run is the smallest useful altair chart (one point layer of 30
rows), so a busy machine moves both; the ratio says how many baseline charts one
casekit chart costs. The export row writes every module figure as PNG and SVG with
vl-convert (`casekit figures`), the first figure paying vl-convert's engine start.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from harness import Measurement, median, timings

BUDGET_S = 0.050
REPEAT = 9
EXPORT_BUDGET_S = 30.0


def run() -> list[Measurement]:
    import altair as alt
    import pandas as pd

    import casekit
    from casekit.charts import (
        area_profile_chart,
        argument_map_chart,
        delegation_chart,
        formats_chart,
        locator_map,
        meetings_per_year_chart,
        partners_calendar_chart,
        record_checks_chart,
        timeline_chart,
    )
    from casekit.charts.figures import write_figures

    case = casekit.load()
    c5x = casekit.load("c5x")
    charts = {
        "timeline_chart": lambda: timeline_chart(case.events),
        "delegation_chart": lambda: delegation_chart(
            case.participants, case.meetings, countries=case.countries
        ),
        "area_profile_chart": lambda: area_profile_chart(case.initiatives, case.areas),
        "argument_map_chart": lambda: argument_map_chart(case.claims, case.areas),
        "record_checks_chart": lambda: record_checks_chart(case.record_checks),
        "formats_chart": lambda: formats_chart(case.formats),
        "partners_calendar_chart": lambda: partners_calendar_chart(
            c5x.format_meetings, c5x.formats
        ),
        "meetings_per_year_chart": lambda: meetings_per_year_chart(
            c5x.format_meetings, c5x.formats
        ),
        "locator_map": lambda: locator_map(case.meetings),
    }
    # two cases side by side (casekit.combine): twice the rows, so twice the budget
    both = casekit.combine([case, "astana-summit-2025"], names=["almaty", "astana"])
    two_cases = {
        "timeline_chart, Almaty and Astana": lambda: timeline_chart(both.events),
        "area_profile_chart, Almaty and Astana": lambda: area_profile_chart(
            both.initiatives, both.areas
        ),
    }
    budgets = {name: BUDGET_S for name in charts} | {name: 2 * BUDGET_S for name in two_cases}
    charts |= two_cases
    frame = pd.DataFrame({"x": range(30), "y": ["a", "b", "c"] * 10})

    def baseline():
        return alt.Chart(frame).mark_point().encode(x="x:Q", y="y:N").to_dict()

    rows = []
    base = median(timings(baseline, repeat=REPEAT * 2, warmup=2))
    rows.append(
        Measurement(
            "baseline: one-layer altair chart, build + to_dict",
            base * 1000,
            "ms",
            "—",
            True,
            "same run, for the ratios below",
        )
    )
    for name, build in charts.items():
        # interleave a baseline call so machine noise hits both alike
        times, bases = [], []
        build().to_dict()  # warm-up: first use of each mark/channel class
        for _ in range(REPEAT):
            start = time.perf_counter()
            build().to_dict()
            times.append(time.perf_counter() - start)
            start = time.perf_counter()
            baseline()
            bases.append(time.perf_counter() - start)
        value = median(times)
        chart = build()
        spec = chart.to_dict(validate=False)
        validation = median(timings(lambda c=chart, s=spec: c.validate(s), repeat=REPEAT, warmup=1))
        rows.append(
            Measurement(
                f"{name}: build + to_dict (validated)",
                value * 1000,
                "ms",
                f"< {budgets[name] * 1000:.0f} ms",
                value < budgets[name],
                f"{value / median(bases):.1f}× baseline; altair's schema validation "
                f"alone {validation * 1000:.0f} ms",
            )
        )
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        written = write_figures(Path(tmp), case, formats=("png", "svg"))
        export = time.perf_counter() - start
    rows.append(
        Measurement(
            f"casekit figures: {len(written) - 1} files "
            f"({(len(written) - 1) // 2} figures × PNG+SVG), one process",
            export,
            "s",
            f"< {EXPORT_BUDGET_S:.0f} s",
            export < EXPORT_BUDGET_S,
            "includes vl-convert's engine start",
        )
    )
    return rows
