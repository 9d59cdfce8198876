"""``casekit.notebook``: chart set-up in a notebook (alias of :mod:`casekit.charts.render`)."""

from casekit.charts.render import (
    RENDERERS,
    SVG_RENDERER,
    THEME_NAME,
    Renderer,
    register_theme,
    setup,
    svg_image_bundle,
)

__all__ = [
    "RENDERERS",
    "SVG_RENDERER",
    "THEME_NAME",
    "Renderer",
    "register_theme",
    "setup",
    "svg_image_bundle",
]
