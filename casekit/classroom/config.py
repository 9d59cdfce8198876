"""The service's settings: from the command line, else the environment, else defaults.

JupyterHub starts the service with its own variables (``JUPYTERHUB_SERVICE_URL``,
``JUPYTERHUB_SERVICE_PREFIX``, ``JUPYTERHUB_API_TOKEN``, the OAuth client settings);
casekit's own are:

``CASEKIT_DATA_DIR``
    The service's data folder: the SQLite store ``casekit.sqlite`` and the cookie secret.
``CASEKIT_KEYS_DIR``
    A folder of the instructor's ``*.keys.json`` files (verdicts and gradebooks need them).
``CASEKIT_INSTRUCTOR_GROUP``
    The hub group whose members see the class (default ``instructors``); hub admins do too.
``CASEKIT_COOKIE_SECRET``
    Hex text; by default a secret is made once and kept in the data folder (a new one at
    every start would sign everyone out).
"""

from __future__ import annotations

import argparse
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse


@dataclass(frozen=True)
class ServiceConfig:
    """Where the service listens, keeps its data and finds the keys; who is an instructor."""

    data_dir: Path
    keys_dir: Path | None
    instructor_group: str
    host: str
    port: int
    prefix: str

    @property
    def store_path(self) -> Path:
        """The SQLite store."""
        return self.data_dir / "casekit.sqlite"

    def cookie_secret(self) -> bytes:
        """Return the cookie secret (made once and kept in the data folder, mode 600)."""
        env = os.environ.get("CASEKIT_COOKIE_SECRET")
        if env:
            return bytes.fromhex(env)
        path = self.data_dir / "cookie_secret"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        return bytes.fromhex(path.read_text().strip())


def parse_args(argv: list[str] | None = None) -> ServiceConfig:
    """Return the settings from ``argv`` and the environment.

    Raises
    ------
    SystemExit
        With a one-line message if a setting is unusable.
    """
    env = os.environ
    parser = argparse.ArgumentParser(
        prog="python -m casekit.classroom",
        description="The casekit class service (normally started by JupyterHub).",
    )
    parser.add_argument("--data-dir", default=env.get("CASEKIT_DATA_DIR", "casekit-classroom"))
    parser.add_argument("--keys", default=env.get("CASEKIT_KEYS_DIR", ""))
    parser.add_argument(
        "--instructor-group", default=env.get("CASEKIT_INSTRUCTOR_GROUP", "instructors")
    )
    parser.add_argument(
        "--url",
        default=env.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"),
        help="where to listen (default: $JUPYTERHUB_SERVICE_URL)",
    )
    args = parser.parse_args(argv)
    url = urlparse(args.url)
    if not url.hostname or not url.port:
        parser.error(f"--url {args.url!r}: give a host and a port, e.g. http://127.0.0.1:10101")
    keys = Path(args.keys) if args.keys else None
    if keys is not None and not keys.is_dir():
        parser.error(f"--keys {keys}: not a folder (it should hold the *.keys.json files)")
    prefix = env.get("JUPYTERHUB_SERVICE_PREFIX", "/services/casekit/")
    return ServiceConfig(
        data_dir=Path(args.data_dir).resolve(),
        keys_dir=keys.resolve() if keys else None,
        instructor_group=args.instructor_group,
        host=url.hostname,
        port=url.port,
        prefix=prefix if prefix.endswith("/") else prefix + "/",
    )
