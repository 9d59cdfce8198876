"""The words charts write for coded values, taken from the schema and the shipped tables.

``data/datapackage.json`` gives each allowed value its label (``categories`` entries
``{"value": ..., "label": ...}``) and its order; the ``areas`` and ``countries`` tables
give the names of areas and states. A value the built-in data does not know (a
researcher's own area, kind or country) gets a label made from the value itself by
:func:`humanize`, so every chart draws any case.
"""

from __future__ import annotations

from casekit.package.vocabulary import builtin_rows, builtin_schema


def humanize(value: object) -> str:
    """Return a readable label made from a coded value.

    Parameters
    ----------
    value : object
        A value such as ``"soft_power"``.

    Returns
    -------
    str
        E.g. ``"Soft power"``.

    Examples
    --------
    >>> humanize("list_of_outcomes")
    'List of outcomes'
    """
    return str(value).replace("_", " ").capitalize()


def value_labels(table: str, column: str) -> dict[str, str]:
    """Return each allowed value of a built-in column and its label, in schema order.

    Parameters
    ----------
    table, column : str
        E.g. ``"events"``, ``"kind"``.

    Returns
    -------
    dict
        Value to label; a value without a label in the schema gets :func:`humanize`'s.
    """
    spec = builtin_schema().table(table).field(column)
    given = spec.labels or ("",) * len(spec.enum or ())
    return {value: text or humanize(value) for value, text in zip(spec.enum or (), given)}


def label(table: str, column: str, value: object) -> str:
    """Return the label of one value of a built-in column (or :func:`humanize`'s).

    Parameters
    ----------
    table, column : str
        The column, e.g. ``"claims"``, ``"stance"``.
    value : object
        One of its values.

    Returns
    -------
    str
        The label.
    """
    return value_labels(table, column).get(str(value)) or humanize(value)


def area_order() -> tuple[str, ...]:
    """Return the cooperation areas' ids in the ``areas`` table's ``sort_order``.

    Returns
    -------
    tuple of str
        The nine area ids, grouped by pillar.
    """
    rows = sorted(builtin_rows("areas"), key=lambda row: int(row["sort_order"]))
    return tuple(row["area_id"] for row in rows)


def area_labels() -> dict[str, str]:
    """Return each cooperation area's label (``areas.label``), in ``sort_order``.

    Returns
    -------
    dict
        Area id to label, e.g. ``"digital_ai": "Digital and AI"``.
    """
    names = {row["area_id"]: row["label"] for row in builtin_rows("areas")}
    return {area: names[area] for area in area_order()}


def country_names() -> dict[str, str]:
    """Return each state's name (``countries.name``) by ISO-3 code, in table order.

    Returns
    -------
    dict
        E.g. ``"KAZ": "Kazakhstan"``.
    """
    return {row["iso3"]: row["name"] for row in builtin_rows("countries")}
