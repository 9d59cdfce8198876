"""The demo classroom of ``make hub``, and the hub the test suite starts.

``python -m casekit.classroom.demo`` runs JupyterHub on ``http://127.0.0.1:8000`` with the
users ``instructor`` (group ``instructors``) and ``student1`` to ``student3``, password
``casekit-demo`` (SharedPasswordAuthenticator), the casekit service at
``/services/casekit/``, and every user's home holding the lessons and the student
editions of the exercises (never the solutions or the keys). Ctrl-C stops the hub, which
stops its proxy, the service and the users' servers.

Everything it writes is under ``build/hub/`` (homes, the hub's database, the service's
store); the service's store lives on across runs.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from casekit.course import install_course

PASSWORD = "casekit-demo"
INSTRUCTORS = ("instructor",)
STUDENTS = ("student1", "student2", "student3")
SERVICE = "casekit"
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """Return a loopback TCP port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_free(port: int) -> bool:
    """Return whether nothing listens on loopback ``port``."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@dataclass
class HubSettings:
    """Everything a demo or test hub needs to know."""

    work: Path
    port: int = 8000
    hub_port: int = field(default_factory=free_port)
    api_port: int = field(default_factory=free_port)
    service_port: int = field(default_factory=free_port)
    keys: Path = REPO / "exercises" / "solutions"
    course: bool = True  # False: homes stay empty (the load benchmark's 300 users)
    python: Path = Path(sys.executable)
    proxy: Path = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
    instructors: tuple[str, ...] = INSTRUCTORS
    students: tuple[str, ...] = STUDENTS
    admins: tuple[str, ...] = ()  # hub admins (they sign in with admin_password)
    admin_password: str = ""
    keep_servers: bool = False

    @property
    def url(self) -> str:
        """The hub's public address."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def homes(self) -> Path:
        """The folder holding every user's home."""
        return self.work / "homes"

    @property
    def service_data(self) -> Path:
        """The service's data folder (the SQLite store)."""
        return self.work / "service-data"


CONFIG = """# Written by casekit.classroom.demo: a loopback classroom for a demo or the tests.
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{work}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = {cleanup}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = ["{proxy}"]
c.ConfigurableHTTPProxy.pid_file = "{work}/proxy.pid"

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = "{password}"
c.Authenticator.allowed_users = {users!r}
c.Authenticator.admin_users = {admins!r}
{admin_password}
c.JupyterHub.load_groups = {{
    "instructors": {{"users": {instructors!r}}},
    "students": {{"users": {students!r}}},
}}

# The casekit service: started by the hub, reached at /services/casekit/.
c.JupyterHub.services = [
    {{
        "name": "casekit",
        "url": "http://127.0.0.1:{service_port}",
        "command": ["{python}", "-m", "casekit.classroom", "--keys", "{keys}",
                    "--data-dir", "{data}"],
        "oauth_no_confirm": True,
    }}
]
# Users reach the service (grant 1), and so do the tokens their servers and kernels use
# (grant 2); without either, the service answers 403.
c.JupyterHub.load_roles = [
    {{"name": "user", "scopes": ["self", "access:services!service=casekit"]}},
    # the service asks the hub whether someone is an admin (admins see the class too)
    {{"name": "casekit-service", "scopes": ["read:users"], "services": ["casekit"]}},
]
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "access:services!service=casekit",
]
c.Spawner.environment = {{"CASEKIT_SERVICE_URL": "{url}/services/casekit/"}}

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = ["{python_bin}/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
c.Spawner.args = {args!r}
"""


def write_config(s: HubSettings) -> Path:
    """Write ``jupyterhub_config.py`` and the users' homes under ``s.work``; return the file."""
    s.work.mkdir(parents=True, exist_ok=True)
    users = [*s.instructors, *s.students, *s.admins]
    for user in users:
        if s.course:  # what `casekit course HOME` writes: lessons and student editions
            install_course(s.homes / user)
    args = [
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(0, "--allow-root")
    text = CONFIG.format(
        port=s.port,
        hub_port=s.hub_port,
        api_port=s.api_port,
        service_port=s.service_port,
        work=s.work,
        cleanup=not s.keep_servers,
        proxy=s.proxy,
        password=PASSWORD,
        users=set(users),
        admins=set(s.admins),
        admin_password=(
            f"c.SharedPasswordAuthenticator.admin_password = {s.admin_password!r}"
            if s.admins
            else ""
        ),
        instructors=list(s.instructors),
        students=list(s.students),
        python=s.python,
        python_bin=s.python.parent,
        keys=s.keys,
        data=s.service_data,
        url=s.url,
        homes=s.homes,
        args=args,
    )
    path = s.work / "jupyterhub_config.py"
    path.write_text(text, encoding="utf-8")
    return path


def start_hub(s: HubSettings, log: Path) -> subprocess.Popen[bytes]:
    """Start JupyterHub with the settings (config written first); output to ``log``."""
    config = write_config(s)
    env = dict(os.environ)
    env.setdefault("CONFIGPROXY_AUTH_TOKEN", secrets.token_hex(16))
    env.pop("JUPYTERHUB_API_TOKEN", None)
    with open(log, "ab") as handle:
        return subprocess.Popen(
            [str(s.python.parent / "jupyterhub"), "-f", str(config)],
            cwd=s.work,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    """Wait until the hub answers through its proxy (``/hub/api/``) and the service too.

    Raises
    ------
    RuntimeError
        If the hub exits or is not ready within ``timeout`` seconds.
    """
    end = time.monotonic() + timeout
    for path in ("/hub/api/", f"/services/{SERVICE}/api/health"):
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with code {proc.returncode}")
            try:
                with urllib.request.urlopen(url + path, timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > end:
                raise RuntimeError(f"{url}{path} did not answer within {timeout:.0f} s")
            time.sleep(0.2)


def stop_hub(proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Stop the hub (SIGTERM: it stops its proxy, service and servers); kill if it hangs."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the demo classroom until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m casekit.classroom.demo")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "hub")
    args = parser.parse_args(argv)
    settings = HubSettings(work=args.work.resolve(), port=args.port)
    if not port_free(settings.port):
        print(
            f"casekit hub: port {settings.port} is in use: stop what runs there, or pass --port",
            file=sys.stderr,
        )
        return 1
    if not settings.proxy.exists():
        print(f"casekit hub: {settings.proxy} is missing: run `npm ci`", file=sys.stderr)
        return 1
    log = settings.work / "hub.log"
    settings.work.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the hub too, like Ctrl-C
    proc = start_hub(settings, log)
    try:
        wait_ready(settings.url, proc)
        print(
            f"\ncasekit classroom on {settings.url}  (Ctrl-C stops everything)\n"
            f"  users: {', '.join([*settings.instructors, *settings.students])}; "
            f"password: {PASSWORD}\n"
            f"  instructor's dashboard: {settings.url}/services/{SERVICE}/\n"
            f"  a student's own record: {settings.url}/services/{SERVICE}/me\n"
            f"  log: {log}; store: {settings.service_data / 'casekit.sqlite'}\n",
            flush=True,
        )
        proc.wait()
    except KeyboardInterrupt:
        print("\ncasekit hub: stopping…", flush=True)
    except RuntimeError as exc:
        print(f"casekit hub: {exc}; see {log}", file=sys.stderr)
        return 1
    finally:
        stop_hub(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
