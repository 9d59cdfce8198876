"""Offline Altair charts for every question the module asks, with text descriptions.

Each chart function takes a DataFrame first (a casekit table or a researcher's own
DataFrame with the same columns) and returns an altair chart; none displays anything
or changes global state. :func:`describe` gives the text alternative of any chart,
:func:`save` writes one chart as PNG, SVG or PDF, and :func:`write_figures` (the
``casekit figures OUTDIR`` command) writes every module figure.

Importing this package does not import altair; the chart functions do, when called.

Several cases: when a table holds more than one case (the ``case`` column
:func:`casekit.combine` adds), every chart of a case's tables draws them apart (a panel,
row or column per case, see :mod:`casekit.charts.cases`) and :func:`describe` names them;
a table of one case is drawn as it always was.

=========================  ==============================================  =============
function                   question it answers                             casekit table
=========================  ==============================================  =============
``timeline_chart``         what happened when, 2020–2027                   events
``delegation_chart``       who each state sent to each meeting             participants
``area_profile_chart``     which cooperation areas carry the initiatives   initiatives
``argument_map_chart``     where the article sees opportunity and risk     claims
``record_checks_chart``    where the article and the record disagree       record_checks
``formats_chart``          how China's format compares with other C5+X     formats
``locator_map``            where the mechanism has met                     meetings
``indicator_chart``        trade, debt, arms, opinion figures in context   indicators
``themes_chart``           which areas each paragraph of a text touches    theme_counts
=========================  ==============================================  =============
"""

from casekit.charts._base import ChartDataError
from casekit.charts.areas import area_profile_chart
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
    "module_figures",
    "record_checks_chart",
    "save",
    "themes_chart",
    "timeline_chart",
    "write_figures",
]
