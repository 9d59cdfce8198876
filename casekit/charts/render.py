"""One call at the top of a notebook: offline chart rendering and the casekit theme."""

from __future__ import annotations

import sys
from typing import Any, Literal, cast

from casekit.charts.lab_settings import comm_order_problem

Renderer = Literal["svg", "png", "jupyter", "default"]
RENDERERS: tuple[str, ...] = ("svg", "png", "jupyter", "default")
THEME_NAME = "casekit"
SVG_RENDERER = "casekit-svg"


def svg_image_bundle(spec: dict, **metadata) -> dict[str, str]:
    """Render a Vega-Lite spec offline as an SVG image with its description as alt text.

    JupyterLab does not display ``image/svg+xml`` in a notebook it has not run itself
    (a fresh clone, a copy handed out on JupyterHub): SVG can carry scripts, so untrusted
    SVG output is shown as plain text. An ``<img>`` whose source is the SVG is safe and
    always shown. The bundle also carries :func:`casekit.describe`'s text as
    ``text/plain``, which screen readers, plain-text viewers and nbval read.

    Parameters
    ----------
    spec : dict
        A Vega-Lite specification (what altair passes to a renderer).
    **metadata
        Passed on to altair's SVG renderer.

    Returns
    -------
    dict
        A MIME bundle with ``text/html`` and ``text/plain``.
    """
    import base64
    import html

    from altair.vegalite.v6.display import svg_renderer

    from casekit.charts.describe import describe_spec

    bundle = svg_renderer(spec, **metadata)
    svg = (bundle[0] if isinstance(bundle, tuple) else bundle)["image/svg+xml"]
    text = describe_spec(spec)
    source = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt_text = html.escape(" ".join(text.split()), quote=True)
    return {
        "text/html": f'<img src="data:image/svg+xml;base64,{source}" alt="{alt_text}">',
        "text/plain": text,
    }


def setup(renderer: Renderer = "svg", *, theme: bool = True) -> str:
    """Make altair charts render offline in this kernel, with the casekit theme.

    This is the one place casekit changes altair's global settings; call it once in
    a notebook's first cell. Chart functions never call it.

    Parameters
    ----------
    renderer : {"svg", "png", "jupyter", "default"}
        How charts display:

        - ``"svg"`` (default): a static SVG drawn by vl-convert in the kernel, stored
          as an image with the chart's description as alternative text. Works with no
          network, shows in untrusted notebooks (a fresh copy on JupyterHub) and is
          deterministic (good for nbval and for notebooks kept in git). No hover.
        - ``"png"``: a static image, for the rare viewer without SVG.
        - ``"jupyter"``: the interactive, offline renderer (anywidget plus
          vl-convert): tooltips and click-to-filter work in JupyterLab and Voilà
          without internet. Executed headless it stores a ~900 KB script in the
          notebook's metadata, so avoid it in committed notebooks.
        - ``"default"``: altair's own HTML renderer, which loads Vega from a CDN
          and shows "Error loading script" offline.
    theme : bool
        Enable the casekit theme (fonts, sizes, area colours) for every chart.

    It also prints one line to stderr if a JupyterLab setting sends widget messages
    over kernel subshells, where a Check click can be judged on the previous answer
    (see :mod:`casekit.charts.lab_settings`).

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
    problem = comm_order_problem()
    if problem:
        print(problem, file=sys.stderr)
    import altair as alt

    if renderer == "jupyter":
        alt.renderers.enable("jupyter", offline=True)
    elif renderer == "svg":
        if SVG_RENDERER not in alt.renderers.names():
            alt.renderers.register(SVG_RENDERER, svg_image_bundle)
        alt.renderers.enable(SVG_RENDERER)
    else:
        alt.renderers.enable(renderer)
    if theme:
        register_theme()
        alt.theme.enable(THEME_NAME)
    return (
        f"casekit: charts render as {renderer}"
        + (", casekit theme on" if theme else "")
        + (" (offline)" if renderer != "default" else " (needs internet)")
    )


def register_theme() -> None:
    """Register the casekit theme with altair without enabling it.

    After this, ``alt.theme.enable("casekit")`` switches it on (also usable as a
    context manager: ``with alt.theme.enable("casekit"): ...``).
    """
    import altair as alt

    from casekit.charts.theme import theme_config

    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(cast(Any, theme_config))
