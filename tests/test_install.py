"""The data loads from every way casekit can be installed, offline and read-only."""

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

import casekit
from tests.helpers import DATA

ROOT = Path(__file__).resolve().parents[1]
PROBE = textwrap.dedent("""
    import json, casekit
    case = casekit.load()
    print(json.dumps({"file": casekit.__file__, "root": str(case.root),
                      "meetings": len(case.meetings), "valid": casekit.validate().ok}))
""")


def run_probe(python, cwd, env=None):
    import json

    result = subprocess.run(
        [str(python), "-c", PROBE], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.rglob("*"))
    }


def test_editable_install_reads_the_repository_data(tmp_path):
    info = run_probe(sys.executable, cwd=tmp_path)
    assert Path(info["root"]) == ROOT / "data"
    assert info["meetings"] == len(casekit.load().meetings) and info["valid"]


@pytest.mark.slow
def test_wheel_in_a_fresh_environment_carries_the_data(casekit_wheel, tmp_path):
    """Build the wheel offline, install it with no dependencies into a new venv."""
    wheel = casekit_wheel
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Install the wheel by hand (no pip, no network); take pandas and friends from this
    # environment's site-packages through a .pth file, but not its editable casekit.
    shutil.unpack_archive(wheel, target, format="zip")
    deps = sysconfig.get_paths()["purelib"]
    Path(target, "zz_deps.pth").write_text(deps + "\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    info = run_probe(python, cwd=tmp_path, env=env)
    assert info["file"].startswith(target), info
    assert Path(info["root"]) == Path(target) / "casekit" / "_data"
    assert info["valid"] and info["meetings"] == len(casekit.load().meetings)
    shipped = {p.name for p in (Path(target) / "casekit" / "_data").glob("*.csv")}
    assert shipped == {p.name for p in DATA.glob("*.csv")}


def test_loads_from_a_read_only_folder_and_writes_nothing(tmp_path):
    folder = tmp_path / "ro"
    shutil.copytree(DATA, folder)
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        path.chmod(mode)
    before = snapshot(folder)
    try:
        case = casekit.load(folder)
        assert casekit.validate(folder).ok
        assert len(case.meetings) == len(casekit.load().meetings)
        assert snapshot(folder) == before
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_network_is_blocked_for_the_whole_session():
    """pytest-socket lets only 127.0.0.1 and ::1 through; 127.0.0.2 stands for the world."""
    import socket

    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("127.0.0.2", 9), timeout=1)


def test_jupyterlab_sends_widget_messages_to_the_main_shell_in_order():
    """The editable install (make install) puts casekit's JupyterLab defaults into this
    environment as the wheel does (hatchling shared-data): with comms on a kernel subshell,
    a Check click could be handled before the new answer sent just ahead of it."""
    import json

    shipped = Path(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.d", "casekit.json")
    settings = json.loads(shipped.read_text(encoding="utf-8"))
    kernels = settings["@jupyterlab/apputils-extension:kernels-settings"]
    assert kernels["commsOverSubshells"] == "disabled"
