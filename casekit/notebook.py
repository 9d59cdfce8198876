"""One call at the top of a notebook: offline chart rendering and the casekit theme."""

from __future__ import annotations

from typing import Literal

Renderer = Literal["svg", "png", "jupyter", "default"]
RENDERERS: tuple[str, ...] = ("svg", "png", "jupyter", "default")
THEME_NAME = "casekit"


def setup(renderer: Renderer = "svg", *, theme: bool = True) -> str:
    """Make altair charts render offline in this kernel, with the casekit theme.

    This is the one place casekit changes altair's global settings; call it once in
    a notebook's first cell. Chart functions never call it.

    Parameters
    ----------
    renderer : {"svg", "png", "jupyter", "default"}
        How charts display:

        - ``"svg"`` (default): a static SVG drawn by vl-convert in the kernel. Works
          with no network, is deterministic (good for nbval and for notebooks kept
          in git) and shows on GitHub. No hover or click.
        - ``"png"``: a static image, for the rare viewer without SVG.
        - ``"jupyter"``: the interactive, offline renderer (anywidget plus
          vl-convert): tooltips and click-to-filter work in JupyterLab and Voilà
          without internet. Executed headless it stores a ~900 KB script in the
          notebook's metadata, so avoid it in committed notebooks.
        - ``"default"``: altair's own HTML renderer, which loads Vega from a CDN
          and shows "Error loading script" offline.
    theme : bool
        Enable the casekit theme (fonts, sizes, area colours) for every chart.

    Returns
    -------
    str
        A one-line note of what was enabled (printable in the notebook).

    Raises
    ------
    ValueError
        If ``renderer`` is not one of the names above.
    """
    if renderer not in RENDERERS:
        raise ValueError(
            f"setup(renderer=...) takes one of {', '.join(RENDERERS)}; got {renderer!r}"
        )
    import altair as alt

    if renderer == "jupyter":
        alt.renderers.enable("jupyter", offline=True)
    else:
        alt.renderers.enable(renderer)
    if theme:
        register_theme()
        alt.theme.enable(THEME_NAME)
    return f"casekit: charts render as {renderer}" + (
        ", casekit theme on" if theme else ""
    ) + (" (offline)" if renderer != "default" else " (needs internet)")


def register_theme() -> None:
    """Register the casekit theme with altair without enabling it.

    After this, ``alt.theme.enable("casekit")`` switches it on (also usable as a
    context manager: ``with alt.theme.enable("casekit"): ...``).
    """
    import altair as alt

    from casekit.theme import theme_config

    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(theme_config)
