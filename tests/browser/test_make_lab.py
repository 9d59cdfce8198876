"""``make lab`` (the real Makefile target) brings JupyterLab up on localhost with a token,
and the start notebook opens in a browser; the server is stopped whatever happens."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import free_port
from tests.browser.course_ui import LONG, REPO

pytest_plugins = ["tests.browser.servers"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

START = "notebooks/00_start_here.ipynb"
STAMP = ".venv/.casekit-installed"  # the Makefile's install stamp


def make_lab_env(tmp: Path, port: int) -> dict[str, str]:
    """An environment in which ``make lab`` opens no browser and writes nothing in $HOME.

    ``BROWSER=true`` makes Python's webbrowser "open" the URL with /bin/true, and the
    config folder sets ``open_browser = False`` as well; runtime, workspace and answers
    folders are temporary. As root (containers, CI), jupyter refuses to start without
    ``allow_root``, which only the temporary config grants.
    """
    config = tmp / "config"
    config.mkdir()
    server = {"open_browser": False}
    if os.geteuid() == 0:
        server["allow_root"] = True
    (config / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": server}))
    return dict(
        os.environ,
        LAB_PORT=str(port),
        BROWSER="true",
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        CASEKIT_ANSWERS_DIR=str(tmp / "answers"),
    )


def make_command(port: int) -> list[str]:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    cmd = [make, "--no-print-directory", "lab", f"LAB_PORT={port}"]
    # `make test` installs first, so the stamp is fresh there. Run alone with a stale
    # stamp, a test must not reinstall the shared environment: treat it as up to date.
    fresh = subprocess.run([make, "-q", "install"], cwd=REPO, capture_output=True)
    if fresh.returncode != 0:
        cmd[2:2] = ["-o", STAMP]
    return cmd


def server_info(runtime: Path, proc: subprocess.Popen, log: Path, timeout: float = 120):
    """Wait for jupyter's ``jpserver-<pid>.json`` (written once it listens) and the page it
    would open in a browser (``jpserver-file-to-run-<pid>-open.html``); return both."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(
                f"make lab exited with {proc.returncode}:\n"
                f"{log.read_text(errors='replace')[-3000:]}"
            )
        infos = list(runtime.glob("jpserver-[0-9]*.json"))
        opens = list(runtime.glob("jpserver-file-to-run-*-open.html"))
        if infos and opens:
            try:
                info = json.loads(infos[0].read_text())
            except ValueError:
                info = None  # being written
            launch = re.search(r'url=([^"\s]+)', opens[0].read_text())
            if info and launch:
                return info, html.unescape(launch.group(1))
        time.sleep(0.2)
    raise AssertionError(
        f"make lab: no server within {timeout:.0f} s\n{log.read_text(errors='replace')[-3000:]}"
    )


def wait_kernel_connected(base: str, token: str, proc, log: Path, timeout: float = 120):
    """The start notebook's kernel is idle with the page connected (server's view)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as r:
            for session in json.load(r):
                kernel = session.get("kernel") or {}
                if kernel.get("execution_state") == "idle" and kernel.get("connections"):
                    return
        time.sleep(0.25)
    raise AssertionError(f"start notebook's kernel never idle\n{log.read_text()[-2000:]}")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def stop_group(proc: subprocess.Popen) -> None:
    """Stop make and the jupyter it started (its own process group), whatever happens."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    # jupyter may outlive make for a moment while it shuts its kernels down
    try:
        os.killpg(proc.pid, 0)
    except ProcessLookupError:
        return
    end = time.monotonic() + 30
    while time.monotonic() < end:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)


def test_make_lab_serves_the_start_notebook(tmp_path, page, shots):
    port = free_port()
    env = make_lab_env(tmp_path, port)
    log = tmp_path / "make-lab.log"
    start_mtime = (REPO / START).stat().st_mtime_ns
    with open(log, "w") as handle:
        proc = subprocess.Popen(
            make_command(port),
            cwd=REPO,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        info, launch_url = server_info(Path(env["JUPYTER_RUNTIME_DIR"]), proc, log)
        # bound to localhost, on the port asked for, with a token that is required
        assert info["port"] == port
        assert info["hostname"] in ("127.0.0.1", "localhost"), info
        token = info["token"]
        assert len(token) >= 32, "make lab must run with a (generated) token"
        base = f"http://127.0.0.1:{port}"
        assert status(f"{base}/api/status") == 403
        assert status(f"{base}/api/status?token={token}") == 200

        # the URL jupyter would open in the student's browser is the start notebook
        assert launch_url.startswith(f"{base}/lab/tree/") and token in launch_url
        assert launch_url.split("?")[0].endswith("00_start_here.ipynb"), launch_url
        # the whole course is in reach of the file browser, not only notebooks/
        assert (REPO / "exercises").is_relative_to(info["root_dir"]), info["root_dir"]
        page.goto(f"{launch_url}&reset", timeout=LONG)
        title = page.locator(".jp-NotebookPanel .jp-RenderedMarkdown h1").first
        expect(title).to_contain_text("Start here", timeout=LONG)
        expect(page.locator(".jp-NotebookPanel .jp-Cell").nth(1)).to_be_visible(timeout=LONG)
        expect(
            page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']")
        ).to_be_attached(timeout=LONG)
        wait_kernel_connected(base, token, proc, log)
        page.screenshot(path=str(shots / "make_lab_start_page.png"))
        assert page.external_ok == [], page.external_ok
    finally:
        stop_group(proc)
    assert (REPO / START).stat().st_mtime_ns == start_mtime, "the UI wrote into the repo"
    assert "http://127.0.0.1:" in log.read_text(errors="replace")
