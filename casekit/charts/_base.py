"""Shared plumbing of the chart builders: input checks, tidy inline data, the finish step.

altair is imported lazily (inside functions), so importing this module is cheap.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

F = TypeVar("F", bound=Callable[..., Any])
ChartT = TypeVar("ChartT", bound="alt.TopLevelMixin")

WIDTH = 760  # default drawing width in px: fits a 16:9 slide and a JupyterLab cell


class ChartDataError(ValueError):
    """A chart was given a DataFrame it cannot draw (missing columns, no rows, bad values).

    Attributes
    ----------
    chart : str
        The chart function that refused the data.
    missing : tuple of str
        The columns the DataFrame lacks (empty when the problem is something else).
    table : str
        The casekit table that has the expected columns.
    """

    def __init__(self, message: str, *, chart: str, missing: Sequence[str] = (), table: str = ""):
        super().__init__(message)
        self.chart = chart
        self.missing = tuple(missing)
        self.table = table


def builder(func: F) -> F:
    """Run a chart builder with altair's construction-time validation off.

    altair validates every schema object as it is built (its "debug mode"), which
    made up most of a chart's build time. casekit builds charts from checked,
    prepared data; the full spec is still validated by ``chart.to_dict()`` (the
    tests call ``to_dict(validate=True)`` on every chart). The previous mode is
    restored on return, so no global state changes.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from altair.utils.schemapi import debug_mode

        with debug_mode(False):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def altair() -> Any:
    """Import and return altair (kept out of ``import casekit``)."""
    import altair as alt

    return alt


def require(
    df: object, columns: Iterable[str], *, chart: str, table: str, argument: str = "data"
) -> pd.DataFrame:
    """Check that ``df`` is a non-empty DataFrame with ``columns``; return it.

    Parameters
    ----------
    df : object
        What the user passed.
    columns : iterable of str
        Columns the chart cannot do without.
    chart : str
        Name of the chart function, for the message.
    table : str
        The casekit table that has these columns, for the message.
    argument : str
        Name of the parameter that received ``df``.

    Returns
    -------
    pandas.DataFrame
        ``df`` itself.

    Raises
    ------
    ChartDataError
        If ``df`` is not a DataFrame, lacks columns or has no rows.
    """
    hint = f"casekit.load().{table}"
    if not isinstance(df, pd.DataFrame):
        raise ChartDataError(
            f"{chart}() needs a pandas DataFrame as `{argument}` (like {hint}), "
            f"got {type(df).__name__}.",
            chart=chart,
            table=table,
        )
    missing = [c for c in columns if c not in df.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        raise ChartDataError(
            f"{chart}() cannot draw this DataFrame: it lacks the column"
            f"{'s' if len(missing) > 1 else ''} {names}. These columns are in casekit's "
            f"`{table}` table ({hint}); see its codebook for what they hold. "
            f"Columns present: {', '.join(map(str, df.columns)) or 'none'}.",
            chart=chart,
            missing=missing,
            table=table,
        )
    if df.empty:
        raise ChartDataError(
            f"{chart}() was given an empty `{argument}` DataFrame: there is nothing to draw.",
            chart=chart,
            table=table,
        )
    return df


def text_column(series: pd.Series) -> pd.Series:
    """Return ``series`` as plain Python strings (``None`` where missing)."""
    values = [None if v is None or v is pd.NA or v != v else str(v) for v in series.tolist()]
    return pd.Series(values, index=series.index, dtype="object")


def int_column(series: pd.Series) -> pd.Series:
    """Return ``series`` as plain Python ints (``None`` where missing or not a number)."""
    numbers = pd.to_numeric(series, errors="coerce")
    values = [None if pd.isna(v) else int(v) for v in numbers.astype("object")]
    return pd.Series(values, index=series.index, dtype="object")


def date_column(series: pd.Series, *, chart: str, column: str) -> pd.Series:
    """Parse ``series`` as dates; raise :class:`ChartDataError` naming unparseable values."""
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
    else:
        parsed = pd.to_datetime(series, errors="coerce", format="mixed")
        bad = series[parsed.isna() & series.notna() & (series.astype("string") != "")]
        if len(bad):
            examples = ", ".join(repr(v) for v in bad.astype(str).unique()[:3])
            raise ChartDataError(
                f"{chart}(): column {column!r} should hold ISO dates (YYYY-MM-DD); "
                f"cannot read {examples}.",
                chart=chart,
            )
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    return parsed


def iso_dates(parsed: pd.Series) -> pd.Series:
    """Return parsed dates as ``YYYY-MM-DD`` strings (``None`` where missing)."""
    values = [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in parsed]
    return pd.Series(values, index=parsed.index, dtype="object")


def date_labels(parsed: pd.Series, precision: pd.Series | None = None) -> pd.Series:
    """Format dates for people, honouring ``date_precision`` (day, month or year)."""
    if precision is None:
        precision = pd.Series("day", index=parsed.index)
    precision = text_column(precision).fillna("day")
    out: list[str | None] = []
    for value, prec in zip(parsed, precision, strict=True):
        if pd.isna(value):
            out.append(None)
        elif prec == "year":
            out.append(f"{value.year}")
        elif prec == "month":
            out.append(value.strftime("%b %Y"))
        else:
            out.append(f"{value.day} {value.strftime('%b %Y')}")
    return pd.Series(out, index=parsed.index, dtype="object")


def wrap(text: object, width: int, max_lines: int | None = None) -> list[str]:
    """Wrap ``text`` into lines for a Vega-Lite text mark (a list of strings)."""
    if text is None or (isinstance(text, float) and text != text):
        return [""]
    lines = textwrap.wrap(str(text), width=width) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(0, width - 1)].rstrip() + "…"
    return lines


def optional(df: pd.DataFrame, column: str, default: object = None) -> pd.Series:
    """Return ``df[column]`` or a Series of ``default`` when the column is absent."""
    if column in df.columns:
        return df[column]
    return pd.Series([default] * len(df), index=df.index, dtype="object")


def inline(df: pd.DataFrame) -> Any:
    """Return ``df`` as altair inline data (plain JSON values), skipping altair's sanitizer.

    The chart builders prepare their frames with plain Python values already, so the
    conversion is a cheap copy; identical data used by several layers is stored once
    in the spec (altair names datasets by a hash of their content).
    """
    return _frozen_inline_class()(values=records(df))


def inline_values(values: list[dict[str, Any]]) -> Any:
    """Return JSON-ready ``values`` as altair inline data shared by deep copies."""
    return _frozen_inline_class()(values=values)


@lru_cache(maxsize=1)
def _frozen_inline_class() -> type:
    """Return an ``alt.InlineData`` subclass that altair's deep copies share, not copy.

    altair deep-copies a chart, data included, at every ``.encode``/``.properties``
    step; for a few hundred rows that dominated the build time. The values are never
    mutated after construction, so sharing them is safe.
    """
    alt = altair()

    class FrozenInlineData(alt.InlineData):  # type: ignore[name-defined]
        def __deepcopy__(self, memo: object = None) -> FrozenInlineData:
            return self

    return FrozenInlineData


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of ``df`` as JSON-ready dictionaries (``None`` for missing)."""
    out = []
    columns = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        out.append({c: _plain(v) for c, v in zip(columns, row, strict=True)})
    return out


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, list)):
        return value
    if isinstance(value, float):
        return None if value != value else value
    if isinstance(value, int):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    if pd.isna(value):
        return None
    return str(value)


def finish(chart: ChartT, summary: str) -> ChartT:
    """Give ``chart`` its screen-reader description, in place, and return it.

    ``summary`` is one or two plain sentences computed from the data. It goes after
    the title into the spec's ``description``, which Vega renders as the SVG's
    ``aria-label`` and :func:`casekit.charts.describe` reads back. (The description is
    the one place for it that survives composition: a chart's ``usermeta`` is only
    allowed at the top of a spec, so ``chart | other`` would not validate.)
    """
    spec: Any = chart  # altair's chart classes declare their properties dynamically
    title = spec.title
    if not isinstance(title, str):
        title = title.get("text", "") if isinstance(title, dict) else getattr(title, "text", "")
    title = title if isinstance(title, str) else ""
    # set in place: the chart was just built by the caller, and altair's .properties()
    # would rebuild (deep-copy) the whole chart to change one field
    spec.description = f"{title.rstrip('.')}. {summary}" if title else summary
    return chart
