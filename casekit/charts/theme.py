"""The casekit look: fixed, colour-blind-safe colours and shapes, fonts and plain labels.

Nothing here imports altair or changes global state. The constants are plain
dictionaries that every chart in :mod:`casekit.charts` puts into its encodings
explicitly (so a chart means the same thing with or without the theme), and
:func:`theme_config` is the Vega-Lite ``config`` block that :func:`casekit.setup`
registers as the ``casekit`` altair theme and that :func:`casekit.charts.save` merges
into exported figures.

Labels come from the schema and the shipped tables (:mod:`casekit.charts.labels`); the
area order is the ``areas`` table's ``sort_order``. The area colours are Paul Tol's
*muted* qualitative scheme (nine colours chosen to stay distinguishable for the common
forms of colour-vision deficiency). Every chart pairs colour with a second channel
(shape, text label or position), so no meaning rests on colour alone.
"""

from __future__ import annotations

from typing import Any

from casekit.charts import labels

#: The nine cooperation areas in the ``areas`` table's ``sort_order`` (grouped by pillar).
AREA_ORDER: tuple[str, ...] = labels.area_order()

#: One fixed colour per cooperation area (Paul Tol, "muted" scheme).
AREA_COLORS: dict[str, str] = {
    "transport_logistics": "#332288",  # indigo
    "energy": "#DDCC77",  # sand
    "digital_ai": "#88CCEE",  # cyan
    "environment_climate": "#117733",  # green
    "security": "#CC6677",  # rose
    "education": "#AA4499",  # purple
    "culture": "#882255",  # wine
    "health": "#44AA99",  # teal
    "institutions": "#999933",  # olive
}

#: One fixed point shape per cooperation area, so the area survives a grey-scale print.
AREA_SHAPES: dict[str, str] = {
    "transport_logistics": "square",
    "energy": "triangle-up",
    "digital_ai": "diamond",
    "environment_climate": "circle",
    "security": "cross",
    "education": "triangle-down",
    "culture": "triangle-right",
    "health": "wedge",
    "institutions": "triangle-left",
}

#: Plain-English labels (the ``areas`` table's ``label``) used when a chart has no
#: ``areas`` table to take labels from.
AREA_LABELS: dict[str, str] = labels.area_labels()

#: Colour and label for rows without an area (cross-cutting events and claims).
NO_AREA = "none"
NO_AREA_COLOR = "#777777"
NO_AREA_SHAPE = "stroke"
NO_AREA_LABEL = "No single area"

#: Okabe–Ito colours, for categories that are not cooperation areas.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#767676",  # the lightest grey with 4.5:1 contrast on white (WCAG AA)
}

#: Stance of a claim in the source article: colour, shape and (from the schema) its label.
STANCE_STYLE: dict[str, dict[str, str]] = {
    stance: {**style, "label": labels.label("claims", "stance", stance)}
    for stance, style in {
        "opportunity": {"color": OKABE_ITO["blue"], "shape": "triangle-up"},
        "ambivalent": {"color": OKABE_ITO["grey"], "shape": "diamond"},
        "risk": {"color": OKABE_ITO["vermillion"], "shape": "triangle-down"},
    }.items()
}

#: Verdict of a record check: colour, symbol and (from the schema) its label.
VERDICT_STYLE: dict[str, dict[str, str]] = {
    verdict: {**style, "label": labels.label("record_checks", "verdict", verdict)}
    for verdict, style in {
        "consistent": {"color": OKABE_ITO["green"], "symbol": "√"},
        "differs": {"color": OKABE_ITO["vermillion"], "symbol": "×"},
        "unverified": {"color": OKABE_ITO["grey"], "symbol": "?"},
    }.items()
}

#: Delegation level: colour, short label (the schema's label where that is short) and shape.
#: Ministers are calm blues; anything
#: below a foreign minister is a warm colour so it stands out at a glance.
LEVEL_STYLE: dict[str, dict[str, str]] = {
    "head_of_state": {
        "color": "#1B3A6B",
        "short": labels.label("participants", "level", "head_of_state"),
        "shape": "square",
    },
    "foreign_minister": {"color": OKABE_ITO["blue"], "short": "Minister", "shape": "square"},
    "acting_foreign_minister": {
        "color": OKABE_ITO["sky_blue"],
        "short": "Acting FM",
        "shape": "square",
    },
    "other_minister": {
        "color": OKABE_ITO["purple"],
        "short": labels.label("participants", "level", "other_minister"),
        "shape": "diamond",
    },
    "deputy_foreign_minister": {
        "color": OKABE_ITO["orange"],
        "short": "Deputy FM",
        "shape": "triangle-down",
    },
    "ambassador": {"color": OKABE_ITO["vermillion"], "short": "Ambassador", "shape": "cross"},
    "secretariat_official": {"color": OKABE_ITO["grey"], "short": "Secretariat", "shape": "circle"},
}

#: Level of a C5+X meeting (``format_meetings.level``): colour and shape. The labels come
#: from the C5+X schema; ``""`` is a meeting whose level the source does not state.
MEETING_LEVEL_STYLE: dict[str, dict[str, str]] = {
    "heads_of_state": {"color": OKABE_ITO["blue"], "shape": "diamond"},
    "foreign_ministers": {"color": OKABE_ITO["orange"], "shape": "circle"},
    "other": {"color": OKABE_ITO["green"], "shape": "triangle-up"},
    "": {"color": OKABE_ITO["grey"], "shape": "cross"},
}

#: Accent for the one thing a chart highlights (the Almaty meeting, China's format).
HIGHLIGHT_COLOR = OKABE_ITO["vermillion"]
#: Neutral ink for context marks.
CONTEXT_COLOR = "#5A5A5A"
#: Axis label styles that set a row label starting with ``►`` (the highlighted row) apart.
HIGHLIGHTED_LABEL_WEIGHT = {"expr": "indexof(datum.label, '►') == 0 ? 'bold' : 'normal'"}
HIGHLIGHTED_LABEL_COLOR = {
    "expr": f"indexof(datum.label, '►') == 0 ? '{HIGHLIGHT_COLOR}' : '#333333'"
}
#: The row axis of charts with one row per format or partner, the highlighted one in accent.
HIGHLIGHTED_ROW_AXIS: dict[str, Any] = {
    "labelFontSize": 13,
    "domain": False,
    "ticks": False,
    "labelPadding": 8,
    "labelFontWeight": HIGHLIGHTED_LABEL_WEIGHT,
    "labelColor": HIGHLIGHTED_LABEL_COLOR,
}

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"


def area_label(area_id: object) -> str:
    """Return the plain-English label of an ``area_id`` (or the id itself if unknown).

    Parameters
    ----------
    area_id : object
        A value of the ``area_id`` column; missing values give :data:`NO_AREA_LABEL`.

    Returns
    -------
    str
        The label.
    """
    if area_id is None or area_id != area_id or area_id in ("", NO_AREA):  # NaN != NaN
        return NO_AREA_LABEL
    return AREA_LABELS.get(str(area_id)) or labels.humanize(area_id)


def area_color(area_id: object) -> str:
    """Return the fixed colour of an ``area_id``; unknown or missing areas are grey.

    Parameters
    ----------
    area_id : object
        A value of the ``area_id`` column.

    Returns
    -------
    str
        A hex colour.
    """
    return AREA_COLORS.get(str(area_id), NO_AREA_COLOR)


def theme_config() -> dict[str, Any]:
    """Return the Vega-Lite ``config`` of the casekit theme.

    Readable fonts at slide size, plain grey gridlines, titles left-aligned, and the
    area colours as the default categorical range.

    Returns
    -------
    dict
        A fresh dictionary (safe to modify) with a ``config`` key, the shape altair
        expects from a theme function.
    """
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "padding": 10,
            "view": {"stroke": None, "continuousWidth": 420, "continuousHeight": 300},
            "title": {
                "fontSize": 17,
                "fontWeight": "bold",
                "anchor": "start",
                "subtitleFontSize": 13,
                "subtitleColor": "#444444",
                "offset": 12,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "titleColor": "#333333",
                "labelColor": "#333333",
                "gridColor": "#E4E4E4",
                "domainColor": "#888888",
                "tickColor": "#888888",
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "symbolSize": 120,
                "labelLimit": 260,
            },
            "header": {"labelFontSize": 13, "titleFontSize": 13},
            "text": {"fontSize": 12},
            "range": {"category": [AREA_COLORS[a] for a in AREA_ORDER]},
        }
    }
