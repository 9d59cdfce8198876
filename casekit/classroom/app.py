"""The service JupyterHub starts: ``python -m casekit.classroom [--keys DIR] [--data-dir DIR]``.

It listens where the hub says (``JUPYTERHUB_SERVICE_URL``), under the hub's prefix for it
(``/services/casekit/``), and signs people in through the hub (OAuth).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler
from tornado import web
from tornado.httpserver import HTTPServer

from casekit.classroom import handlers
from casekit.classroom.analysis import Verdicts
from casekit.classroom.charts import spread_svg
from casekit.classroom.config import ServiceConfig, parse_args
from casekit.classroom.events import MAX_BODY_BYTES
from casekit.classroom.identity import AdminCheck
from casekit.classroom.store import Store

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("casekit.classroom")


def load_verdicts(keys_dir: Path | None) -> Verdicts:
    """Return verdicts from the key files in ``keys_dir`` (none: reported statuses are used)."""
    if keys_dir is None:
        return Verdicts({})
    from casekit.exercises.grading import load_keys

    try:
        return Verdicts(load_keys([keys_dir]))
    except ValueError as exc:
        log.warning("casekit: %s; verdicts will be the ones the notebooks reported", exc)
        return Verdicts({})


def chart_process() -> ProcessPoolExecutor:
    """Return the process that draws charts, already loading altair and vl-convert."""
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    executor.submit(spread_svg, {"notebook": "warm-up", "questions": []})
    return executor


def make_app(config: ServiceConfig, store: Store | None = None) -> web.Application:
    """Return the tornado application of the service."""
    store = store or Store(config.store_path)
    service = handlers.Service(
        config=config,
        store=store,
        verdicts=load_verdicts(config.keys_dir),
        writer=handlers.GroupWriter(
            store, ThreadPoolExecutor(max_workers=1, thread_name_prefix="casekit-store")
        ),
        admins=AdminCheck(HubOAuth.instance()),
        charts=chart_process(),
    )
    p = config.prefix
    routes = [
        (p, handlers.DashboardHandler),
        (p + "api/events", handlers.EventsHandler),
        (p + "api/dashboard", handlers.DashboardApiHandler),
        (p + "api/class", handlers.ClassApiHandler),
        (p + "api/health", handlers.HealthHandler),
        (p + "api/whoami", handlers.WhoAmIHandler),
        (p + r"chart/([a-z0-9][a-z0-9_.-]{0,63})\.svg", handlers.ChartHandler),
        (p + r"student/([^/]+)", handlers.StudentHandler),
        (p + "reflections", handlers.ReflectionsHandler),
        (p + "marks", handlers.MarksHandler),
        (p + "downloads", handlers.DownloadsHandler),
        (p + r"download/([A-Za-z0-9_.-]+)", handlers.DownloadHandler),
        (p + "me", handlers.MeHandler),
        (p + "oauth_callback", HubOAuthCallbackHandler),
        (p + "static/(.*)", web.StaticFileHandler, {"path": str(STATIC)}),
    ]
    return web.Application(
        routes,  # type: ignore[arg-type]
        casekit=service,
        cookie_secret=config.cookie_secret(),
    )


async def serve(config: ServiceConfig) -> None:
    """Run the service until SIGTERM or SIGINT."""
    app = make_app(config)
    server = HTTPServer(app, max_body_size=4 * MAX_BODY_BYTES, xheaders=True)
    server.listen(config.port, config.host)
    log.info(
        "casekit service on http://%s:%d%s, store %s",
        config.host,
        config.port,
        config.prefix,
        config.store_path,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.stop()
    service = app.settings["casekit"]
    service.charts.shutdown(wait=False, cancel_futures=True)
    service.writer.executor.shutdown(wait=True)  # acknowledged answers are committed already
    service.store.close()


def main(argv: list[str] | None = None) -> int:
    """Start the service; return its exit status."""
    logging.basicConfig(level=logging.INFO, format="[casekit %(asctime)s] %(message)s")
    config = parse_args(argv)
    try:
        asyncio.run(serve(config))
    except OSError as exc:
        print(f"casekit service: cannot start: {exc}", file=sys.stderr)
        return 1
    return 0
