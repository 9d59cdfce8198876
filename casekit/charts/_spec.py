"""Vega-Lite pieces as plain dicts, assembled into altair chart objects cheaply.

altair builds a chart from schema objects and deep-copies them at every
``.encode()``, ``.properties()`` and ``alt.layer()`` step; for a chart of six layers
that cost several times the chart's own validation. casekit's builders therefore
write each layer's mark and encoding as the Vega-Lite JSON they stand for, with the
small helpers below, and wrap them in altair's own classes (``alt.Chart``,
``alt.LayerChart``, ...). What the builders return is an ordinary altair chart:
``to_dict()`` validates it against the Vega-Lite schema, and it can be displayed,
saved, composed with ``|``/``&``/``+`` or changed with ``.properties()``.

Encodings every layer shares (the axes) are given once, on the layer chart: Vega-Lite
passes them down, and the spec is smaller to validate.
"""

from __future__ import annotations

from typing import Any

from casekit.charts._base import altair

_TYPES = {"N": "nominal", "O": "ordinal", "Q": "quantitative", "T": "temporal"}


def field(shorthand: str, **properties: Any) -> dict[str, Any]:
    """Return a field definition: ``field("area:N", title="Area")``.

    Parameters
    ----------
    shorthand : str
        ``name:T`` where ``T`` is one of N, O, Q, T (nominal, ordinal, quantitative,
        temporal), or a bare name for channels that take no type (``x2``, ``y2``).
    **properties
        Further properties of the definition (``title``, ``scale``, ``axis``, ...).

    Returns
    -------
    dict
        The Vega-Lite field definition.

    Examples
    --------
    >>> field("area:N", title="Area")
    {'field': 'area', 'type': 'nominal', 'title': 'Area'}
    >>> field("end_date")
    {'field': 'end_date'}
    """
    name, _, kind = shorthand.rpartition(":")
    if not name or kind not in _TYPES:
        return {"field": shorthand, **properties}
    return {"field": name, "type": _TYPES[kind], **properties}


def tooltip(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    """Return tooltip definitions from ``(shorthand, title)`` pairs."""
    return [field(shorthand, title=title) for shorthand, title in pairs]


def layer(
    mark: dict[str, Any] | str,
    encoding: dict[str, Any] | None = None,
    **properties: Any,
) -> Any:
    """Return one unit chart (an ``alt.Chart``) of ``mark`` with ``encoding``.

    Parameters
    ----------
    mark : dict or str
        The mark definition, e.g. ``{"type": "point", "size": 150}``.
    encoding : dict, optional
        Channel name to definition (plain dicts, see :func:`field`).
    **properties
        Further unit properties: ``data``, ``transform`` (a list of dicts),
        ``params`` (altair parameters), ``width``, ...

    Returns
    -------
    altair.Chart
        The unit chart.
    """
    alt = altair()
    if encoding:
        properties["encoding"] = alt.FacetedEncoding(**encoding)
    return alt.Chart(mark=mark, **properties)


def layered(*layers: Any, encoding: dict[str, Any] | None = None, **properties: Any) -> Any:
    """Return the ``alt.LayerChart`` of ``layers``, with encodings they all share.

    Parameters
    ----------
    *layers : altair.Chart
        Unit charts from :func:`layer`, bottom first.
    encoding : dict, optional
        Channels every layer inherits (usually the x and y axes).
    **properties
        Layer-chart properties: ``data``, ``width``, ``height``, ``title``, ...

    Returns
    -------
    altair.LayerChart
        The layered chart.
    """
    alt = altair()
    if encoding:
        properties["encoding"] = alt.SharedEncoding(**encoding)
    return alt.LayerChart(layer=list(layers), **properties)


def title(text: str, subtitle: str | list[str] | None = None, **properties: Any) -> dict[str, Any]:
    """Return a title definition with an optional subtitle."""
    spec: dict[str, Any] = {"text": text, **properties}
    if subtitle:
        spec["subtitle"] = subtitle
    return spec
