"""Static export of charts (PNG, SVG, PDF) with vl-convert, offline, with the casekit theme."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from casekit.charts import theme

FORMATS = ("png", "svg", "pdf")


def themed_spec(chart: Any) -> dict[str, Any]:
    """Return the Vega-Lite spec of ``chart`` with the casekit theme merged into its config.

    The chart's own ``config`` wins over the theme's, key by key, so a caller's
    ``configure_*`` calls survive. Global altair state (the active theme) is neither
    read nor changed.

    Parameters
    ----------
    chart : altair.TopLevelMixin or dict
        A chart or a Vega-Lite spec.

    Returns
    -------
    dict
        A new spec dictionary.
    """
    if isinstance(chart, Mapping):
        spec = copy.deepcopy(dict(chart))
    else:
        spec = chart.to_dict(validate=False)
    spec["config"] = _merge(theme.theme_config()["config"], spec.get("config") or {})
    return spec


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def save(chart: Any, path: str | Path, *, scale: float = 2.0) -> Path:
    """Write ``chart`` to ``path`` as PNG, SVG or PDF (chosen by the suffix), offline.

    Uses vl-convert (the ``export`` extra), which bundles Vega and needs no browser or
    network. The casekit theme is applied to the exported figure only; the same chart
    and the same vl-convert version always give the same bytes.

    Parameters
    ----------
    chart : altair.TopLevelMixin or dict
        The chart (any altair chart) or a Vega-Lite spec.
    path : str or pathlib.Path
        Where to write; the suffix (``.png``, ``.svg`` or ``.pdf``) picks the format.
        Missing parent folders are created.
    scale : float
        Pixel density of PNG output (2 gives crisp slides).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        If the suffix is not one of png, svg, pdf.
    ImportError
        If vl-convert-python is not installed (``pip install casekit[export]``).
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"save() writes {', '.join(FORMATS)}; cannot tell the format of {path}")
    try:
        import vl_convert as vlc
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("save() needs vl-convert-python: pip install 'casekit[export]'") from exc
    spec = themed_spec(chart)
    vl_version = _vl_version()
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "png":
        path.write_bytes(vlc.vegalite_to_png(spec, vl_version=vl_version, scale=scale))
    elif fmt == "svg":
        path.write_text(vlc.vegalite_to_svg(spec, vl_version=vl_version), encoding="utf-8")
    else:
        path.write_bytes(vlc.vegalite_to_pdf(spec, vl_version=vl_version))
    return path


def _vl_version() -> str:
    """Return the Vega-Lite version altair writes (e.g. ``6.4``), for vl-convert."""
    import altair as alt

    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
