"""Offline Altair charts for every question the module asks, with text descriptions.

Each chart function takes a DataFrame first (a casekit table or a researcher's own
DataFrame with the same columns) and returns an altair chart; none displays anything
or changes global state. :func:`describe` gives the text alternative of any chart,
:func:`save` writes one chart as PNG, SVG or PDF, and :func:`write_figures` (the
``casekit figures OUTDIR`` command) writes every module figure.

Importing this package does not import altair; the chart functions do, when called.

function                     question it answers                            casekit table
===========================  =============================================  ==============
"""

from casekit.charts._base import ChartDataError
from casekit.charts.areas import area_profile_chart
from casekit.charts.cadence import meetings_per_year_chart
from casekit.charts.calendar import partners_calendar_chart
from casekit.charts.checks import record_checks_chart
from casekit.charts.claims import argument_map_chart
from casekit.charts.delegations import delegation_chart
from casekit.charts.describe import describe
from casekit.charts.export import save
from casekit.charts.figures import module_figures, write_figures
from casekit.charts.formats import formats_chart
from casekit.charts.geo import load_boundaries, load_cities, locator_map
from casekit.charts.indicators import indicator_chart
from casekit.charts.themes import themes_chart
from casekit.charts.timeline import timeline_chart

__all__ = [
    "ChartDataError",
    "area_profile_chart",
    "argument_map_chart",
    "delegation_chart",
    "describe",
    "formats_chart",
    "indicator_chart",
    "load_boundaries",
    "load_cities",
    "locator_map",
    "meetings_per_year_chart",
    "module_figures",
    "partners_calendar_chart",
    "record_checks_chart",
    "save",
    "themes_chart",
    "timeline_chart",
    "write_figures",
]
