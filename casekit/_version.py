"""The one place casekit's version is read: the installed package metadata."""

from __future__ import annotations

import functools

UNKNOWN = "0.0.0+unknown"


@functools.lru_cache(maxsize=1)
def version() -> str:
    """Return casekit's version as installed (``pip`` / ``uv`` metadata).

    Returns
    -------
    str
        The version, e.g. ``"0.1.0"``; ``"0.0.0+unknown"`` in a bare source tree that was
        never installed.
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as metadata_version

    try:
        return metadata_version("casekit")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return UNKNOWN
