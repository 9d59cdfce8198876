"""Plain-text descriptions of charts: the screen-reader alternative and nbval's text twin."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

_CHANNELS = (
    "x",
    "x2",
    "y",
    "y2",
    "color",
    "fill",
    "stroke",
    "shape",
    "size",
    "opacity",
    "text",
    "row",
    "column",
    "facet",
    "theta",
    "latitude",
    "longitude",
)
_MEASURE_TYPES = {"temporal", "quantitative"}


def describe(chart: Any) -> str:
    """Return a short, deterministic text of what ``chart`` shows.

    The text names what the chart is about (for casekit charts, a sentence computed
    from the data), its marks, each encoding with its field and type, the number of
    data rows, and the extremes of every date or number on an axis. The same chart
    always gives the same text, so nbval can compare it; it is also the chart's
    alternative text for people who cannot see it.

    Parameters
    ----------
    chart : altair.TopLevelMixin or dict
        Any altair chart (casekit's or not) or a Vega-Lite spec as a dictionary.

    Returns
    -------
    str
        A few sentences, one per line.

    Examples
    --------
    >>> import casekit
    >>> case = casekit.load()  # doctest: +SKIP
    >>> print(casekit.describe(casekit.charts.timeline_chart(case.events)))  # doctest: +SKIP
    """
    if isinstance(chart, Mapping):
        spec = dict(chart)
    elif hasattr(chart, "to_dict"):
        spec = chart.to_dict(validate=False)
    else:
        raise TypeError(
            f"describe() needs an altair chart or a Vega-Lite dict, got {type(chart).__name__}"
        )
    return describe_spec(spec)


def describe_spec(spec: Mapping[str, Any]) -> str:
    """Describe a Vega-Lite spec given as a dictionary (see :func:`describe`)."""
    lines = []
    title = _title(spec)
    if title:
        lines.append(f"{title}.")
    summary = _summary(spec, title)
    if summary:
        lines.append(summary)
    views = list(_views(spec))
    marks = _unique(_mark(v) for v in views if _mark(v))
    if marks:
        lines.append(f"Marks: {', '.join(marks)}.")
    encodings = _unique(
        _encoding_text(channel, enc)
        for v in views
        for channel, enc in (v.get("encoding") or {}).items()
        if channel in _CHANNELS and isinstance(enc, Mapping) and enc.get("field")
    )
    if encodings:
        lines.append(f"Encodings: {'; '.join(encodings)}.")
    datasets = spec.get("datasets") or {}
    rows = [len(v) for v in datasets.values() if isinstance(v, list)]
    if rows:
        if len(rows) == 1:
            lines.append(f"Data: {rows[0]} rows.")
        else:
            lines.append(f"Data: {len(rows)} tables of {', '.join(map(str, rows))} rows.")
    extremes = _extremes(views, datasets)
    if extremes:
        lines.append(f"Range: {'; '.join(extremes)}.")
    return "\n".join(lines)


def _title(spec: Mapping[str, Any]) -> str:
    title = spec.get("title")
    if isinstance(title, Mapping):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title).rstrip(".") if title else ""


def _summary(spec: Mapping[str, Any], title: str) -> str:
    """Return the spec's description without the title it starts with (casekit's form)."""
    description = spec.get("description")
    if not isinstance(description, str):
        return ""
    return description.removeprefix(f"{title}. ") if title else description


def _views(
    spec: Mapping[str, Any], inherited: Mapping[str, Any] | None = None
) -> Iterator[Mapping[str, Any]]:
    """Yield every unit view of a (layered, concatenated or faceted) spec, in order.

    A layer's views inherit the encodings given on the layer itself (a view's own
    channel wins), as Vega-Lite draws them.
    """
    encoding = {**(inherited or {}), **(spec.get("encoding") or {})}
    if "mark" in spec:
        yield {**spec, "encoding": encoding}
    for sub in spec.get("layer") or []:
        yield from _views(sub, encoding)
    for key in ("hconcat", "vconcat", "concat"):
        for sub in spec.get(key) or []:
            yield from _views(sub)
    if isinstance(spec.get("spec"), Mapping):
        inner = dict(spec["spec"])
        if "facet" in spec:
            inner.setdefault("encoding", {})
            facet = spec["facet"]
            if isinstance(facet, Mapping) and "field" in facet:
                inner["encoding"] = {**inner["encoding"], "facet": facet}
            elif isinstance(facet, Mapping):
                inner["encoding"] = {**inner["encoding"], **facet}
        yield from _views(inner)


def _mark(view: Mapping[str, Any]) -> str:
    mark = view.get("mark")
    if isinstance(mark, Mapping):
        return str(mark.get("type", ""))
    return str(mark or "")


def _encoding_text(channel: str, enc: Mapping[str, Any]) -> str:
    kind = enc.get("type", "")
    return f"{channel} = {enc['field']}" + (f" ({kind})" if kind else "")


def _unique(items: Iterator[str] | list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _extremes(views: list[Mapping[str, Any]], datasets: Mapping[str, Any]) -> list[str]:
    """Return "field from low to high" for every date or number a reader can see.

    Fields on a hidden axis (``axis: null``) or on one whose labels are replaced
    (``labelExpr``, as the timeline's lanes) only place marks, so they are left out.
    """
    fields: dict[str, str] = {}
    for view in views:
        encoding = view.get("encoding") or {}
        for channel, enc in encoding.items():
            if channel in ("x2", "y2") and isinstance(enc, Mapping) and "type" not in enc:
                enc = {**enc, "type": (encoding.get(channel[0]) or {}).get("type")}  # as x, y
            if (
                channel in ("x", "x2", "y", "y2", "size", "latitude", "longitude")
                and isinstance(enc, Mapping)
                and enc.get("type") in _MEASURE_TYPES
                and enc.get("field")
                and not enc.get("aggregate")
                and not _layout_only(enc)
            ):
                fields.setdefault(str(enc["field"]), enc["type"])
    out = []
    for field, kind in fields.items():
        values = [
            row[field]
            for rows in datasets.values()
            if isinstance(rows, list)
            for row in rows
            if isinstance(row, Mapping) and row.get(field) not in (None, "")
        ]
        if not values:
            continue
        try:
            low, high = min(values), max(values)
        except TypeError:
            continue
        if kind == "temporal":
            low, high = str(low)[:10], str(high)[:10]
        else:
            low, high = _number(low), _number(high)
        out.append(f"{field} from {low} to {high}")
    return out


def _layout_only(enc: Mapping[str, Any]) -> bool:
    axis = enc.get("axis", {})
    return axis is None or (isinstance(axis, Mapping) and "labelExpr" in axis)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
