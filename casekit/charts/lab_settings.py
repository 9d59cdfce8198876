"""Which order JupyterLab sends widget messages in, read from the settings files it reads.

JupyterLab 4.4 and later can send comm (widget) messages to kernel subshells (setting
``commsOverSubshells`` of ``@jupyterlab/apputils-extension:kernels-settings``; default
``perCommTarget`` in 4.6). With ipykernel 7 a widget's new value and the Check click sent
just behind it can then be handled out of order, and a student gets the verdict on the
previous answer. casekit's wheel installs a default of ``"disabled"`` into the environment
(``share/jupyter/lab/settings/overrides.d/casekit.json``); a user's or an administrator's
setting can still turn subshells back on, and :func:`comm_order_problem` says so.

The kernel cannot ask the browser, so this module reads the files a JupyterLab server in
this environment would read, lowest priority first (``jupyterlab_server.settings_utils``):

1. ``<app dir>/settings/overrides.d/*.json`` (packages, casekit's among them), then
   ``<app dir>/settings/overrides.json`` (the app dir is ``$JUPYTERLAB_DIR`` or
   ``{sys.prefix}/share/jupyter/lab``);
2. ``labconfig/default_setting_overrides.d/*.json`` and
   ``labconfig/default_setting_overrides.json`` in every Jupyter config folder
   (``jupyter --paths``), the first folder winning;
3. the user's own setting:
   ``<user settings dir>/@jupyterlab/apputils-extension/kernels-settings.jupyterlab-settings``
   (``$JUPYTERLAB_SETTINGS_DIR`` or ``~/.jupyter/lab/user-settings``; JSON with comments).

A server started with other folders on its command line, or in another environment than
the kernel, is not seen. Nothing here raises: an unreadable file is skipped.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PLUGIN = "@jupyterlab/apputils-extension:kernels-settings"
KEY = "commsOverSubshells"
IN_ORDER = "disabled"
VALUES = ("disabled", "perComm", "perCommTarget")  # the schema's; JupyterLab ignores others
USER_FILE = Path("@jupyterlab", "apputils-extension", "kernels-settings.jupyterlab-settings")

# JSON5 as JupyterLab writes it: // and /* */ comments and trailing commas around
# ordinary JSON. Strings are matched first so that "//" inside a string survives.
_JSON5_NOISE = re.compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.DOTALL)


@dataclass(frozen=True)
class CommSetting:
    """The effective ``commsOverSubshells`` and the file that set it.

    ``value`` is None when no file sets it: JupyterLab's own default then applies.
    """

    value: str | None
    source: Path | None


def parse_json5(text: str) -> object:
    """Parse JSON with ``//`` and ``/* */`` comments and trailing commas.

    Parameters
    ----------
    text : str
        The file's text.

    Returns
    -------
    object
        The decoded value.

    Raises
    ------
    ValueError
        If the text is not JSON once comments and trailing commas are removed.
    """
    return json.loads(_JSON5_NOISE.sub(lambda m: m.group(1) or "", text))


def _read(path: Path) -> dict:
    """Return the JSON object in ``path`` ({} if missing, unreadable or not an object)."""
    try:
        data = parse_json5(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _config_dirs() -> list[Path]:
    """Jupyter's config folders, highest priority first (empty without jupyter_core)."""
    try:
        from jupyter_core.paths import jupyter_config_path
    except ImportError:
        return []
    return [Path(p) for p in jupyter_config_path()]


def _user_settings_dir() -> Path:
    explicit = os.environ.get("JUPYTERLAB_SETTINGS_DIR")
    if explicit:
        return Path(explicit)
    try:
        from jupyter_core.paths import jupyter_config_dir
    except ImportError:
        return Path.home() / ".jupyter" / "lab" / "user-settings"
    return Path(jupyter_config_dir()) / "lab" / "user-settings"


def override_files() -> list[Path]:
    """List the overrides files JupyterLab would read, lowest priority first.

    Returns
    -------
    list of Path
        ``overrides.d/*.json``, ``overrides.json``, then each config folder's
        ``labconfig/default_setting_overrides.d/*.json`` and
        ``labconfig/default_setting_overrides.json`` (lowest-priority folder first).
    """
    app_dir = Path(os.environ.get("JUPYTERLAB_DIR") or Path(sys.prefix, "share", "jupyter", "lab"))
    settings = app_dir / "settings"
    files = sorted(
        p for p in (settings / "overrides.d").glob("*.json*") if p.suffix in (".json", ".json5")
    )
    files += [settings / "overrides.json", settings / "overrides.json5"]
    for folder in reversed(_config_dirs()):
        labconfig = folder / "labconfig"
        files += sorted((labconfig / "default_setting_overrides.d").glob("*.json"))
        files.append(labconfig / "default_setting_overrides.json")
    return files


def comm_setting() -> CommSetting:
    """Read the effective ``commsOverSubshells`` from JupyterLab's settings files.

    Returns
    -------
    CommSetting
        The value the user's setting, or else the highest-priority override, gives, with
        the file it came from; ``CommSetting(None, None)`` when no file sets it.
    """
    found = CommSetting(None, None)
    for path in override_files():
        value = _read(path).get(PLUGIN, {})
        if isinstance(value, dict) and value.get(KEY) in VALUES:
            found = CommSetting(value[KEY], path)
    user_file = _user_settings_dir() / USER_FILE
    value = _read(user_file).get(KEY)
    if value in VALUES:
        found = CommSetting(value, user_file)
    return found


def comm_order_problem() -> str | None:
    """Say in one line if a setting lets a Check be judged on an old answer, else None.

    Returns
    -------
    str or None
        What is set and where, why it matters and how to fix it; None when widget
        messages go to the kernel in order (or nothing sets the value at all). Never
        raises.
    """
    try:
        setting = comm_setting()
    except Exception:  # a broken environment must not stop a notebook's first cell
        return None
    if setting.value is None or setting.value == IN_ORDER:
        return None
    return (
        f'casekit: JupyterLab\'s "{KEY}" is "{setting.value}" (set in {setting.source}), '
        "so a Check click can be judged on the answer before the one you just gave; "
        "set Settings > Settings Editor > Kernels > Kernel Comms over subshells to "
        '"Disabled" (or remove that line), then reload the page.'
    )
