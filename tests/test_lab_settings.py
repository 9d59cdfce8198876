"""casekit.setup() says so when a JupyterLab setting sends widget messages over subshells.

Each test builds the folders a JupyterLab server reads (app settings, Jupyter config
folders, user settings) in a temporary directory and points the environment variables
JupyterLab itself honours at them, so nothing on this machine leaks in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casekit.charts.lab_settings import (
    KEY,
    PLUGIN,
    USER_FILE,
    comm_order_problem,
    comm_setting,
    parse_json5,
)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "casekit.json"

# What JupyterLab's settings editor writes when a user picks a value: comments included.
USER_SETTINGS = """{
    // Kernels
    // @jupyterlab/apputils-extension:kernels-settings
    // Kernels and kernel sessions settings
    // *****************************************

    // Kernel Comms over subshells
    // Whether comm messages should be sent to kernel subshells, if the kernel supports it.
    "commsOverSubshells": "%s",
}
"""


class Folders:
    """JupyterLab's settings folders under one temporary directory."""

    def __init__(self, tmp: Path) -> None:
        self.app = tmp / "app"  # $JUPYTERLAB_DIR
        self.user = tmp / "user-settings"  # $JUPYTERLAB_SETTINGS_DIR
        self.config = tmp / "config"  # $JUPYTER_CONFIG_DIR (labconfig lives here)

    def package_default(self, name: str, value: str) -> Path:
        return self._write(self.app / "settings" / "overrides.d" / f"{name}.json", value)

    def admin_overrides(self, value: str) -> Path:
        return self._write(self.app / "settings" / "overrides.json", value)

    def labconfig(self, value: str) -> Path:
        path = self.config / "labconfig" / "default_setting_overrides.json"
        return self._write(path, value)

    def user_setting(self, value: str) -> Path:
        path = self.user / USER_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(USER_SETTINGS % value, encoding="utf-8")
        return path

    @staticmethod
    def _write(path: Path, value: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({PLUGIN: {KEY: value}}), encoding="utf-8")
        return path


@pytest.fixture
def lab(tmp_path, monkeypatch) -> Folders:
    folders = Folders(tmp_path)
    monkeypatch.setenv("JUPYTERLAB_DIR", str(folders.app))
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(folders.user))
    # JUPYTER_NO_CONFIG would hide the config folder; instead name it and nothing else
    monkeypatch.delenv("JUPYTER_NO_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTER_CONFIG_PATH", raising=False)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(folders.config))
    monkeypatch.setattr("casekit.charts.lab_settings._config_dirs", lambda: [folders.config])
    folders.package_default("casekit", "disabled")
    return folders


@pytest.fixture
def restore_altair():
    alt = pytest.importorskip("altair")
    before = (alt.renderers.active, alt.theme.active)
    yield
    alt.renderers.enable(before[0])
    alt.theme.enable(before[1])


def setup_stderr(capsys) -> str:
    pytest.importorskip("vl_convert")
    from casekit.notebook import setup

    capsys.readouterr()
    setup()
    return capsys.readouterr().err


def test_the_shipped_default_sends_widget_messages_in_order():
    assert json.loads(SHIPPED.read_text("utf-8"))[PLUGIN][KEY] == "disabled"


def test_setup_is_silent_with_the_shipped_default(lab, capsys, restore_altair):
    assert comm_setting().value == "disabled"
    assert setup_stderr(capsys) == ""


def test_setup_warns_in_one_line_when_a_user_turns_subshells_back_on(lab, capsys, restore_altair):
    path = lab.user_setting("perCommTarget")
    err = setup_stderr(capsys)
    assert err.count("\n") == 1, err
    assert '"commsOverSubshells" is "perCommTarget"' in err  # what
    assert str(path) in err  # where
    assert "judged on the answer before" in err  # why
    assert "Kernel Comms over subshells" in err and '"Disabled"' in err  # how to fix


def test_an_administrators_overrides_beat_a_package_default(lab):
    path = lab.admin_overrides("perComm")
    assert comm_setting().value == "perComm" and comm_setting().source == path
    assert str(path) in comm_order_problem()


def test_labconfig_beats_overrides_json_and_the_user_beats_both(lab):
    lab.admin_overrides("disabled")
    path = lab.labconfig("perCommTarget")
    assert comm_setting().source == path and comm_order_problem()
    lab.user_setting("disabled")
    assert comm_setting().value == "disabled"
    assert comm_order_problem() is None


def test_a_later_package_default_wins_by_name_order(lab):
    lab.package_default("zz-other", "perComm")
    assert comm_setting().value == "perComm"


def test_nothing_set_anywhere_is_not_reported(lab):
    (lab.app / "settings" / "overrides.d" / "casekit.json").unlink()
    assert comm_setting().value is None
    assert comm_order_problem() is None


def test_broken_or_odd_files_never_raise(lab):
    lab.admin_overrides("perComm")
    (lab.app / "settings" / "overrides.json").write_bytes(b"\xff{not json")
    lab.labconfig("perComm")
    (lab.config / "labconfig" / "default_setting_overrides.json").write_text("[1, 2]")
    user = lab.user_setting("perComm")
    user.write_text('{"commsOverSubshells": 3}')
    lab.package_default("zz-typo", "perCommTarge")  # not a value JupyterLab accepts
    backup = lab.app / "settings" / "overrides.d" / "zz.json.bak"  # JupyterLab skips it
    backup.write_text(json.dumps({PLUGIN: {KEY: "perComm"}}))
    assert comm_setting().value == "disabled"  # only the package default is readable
    assert comm_order_problem() is None


def test_json5_comments_trailing_commas_and_slashes_inside_strings():
    text = '{/* block */ "url": "http://x//y", // line\n "list": [1, 2,],}'
    assert parse_json5(text) == {"url": "http://x//y", "list": [1, 2]}
    with pytest.raises(ValueError):
        parse_json5("{unquoted: 1}")
