"""The service's routes: answers from kernels, pages and APIs for instructors and students.

- ``POST api/events``: a kernel's answers, with its hub token; stored under the token's user.
- ``GET /`` (dashboard), ``api/dashboard``, ``api/class``, ``chart/<set>.svg``,
  ``student/<name>``, ``reflections``, ``POST marks``, ``downloads``, ``download/<file>``:
  instructors only (hub admins and the instructors' group); anyone else gets 403.
- ``GET me``: a student's own record. ``GET api/health``: 200 when the service runs.
  ``GET api/whoami``: with a hub token, whose it is (kernels call it when they start).
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyterhub.services.auth import HubOAuthenticated
from tornado import web

from casekit.classroom import analysis, exports, pages
from casekit.classroom.charts import spread_svg
from casekit.classroom.config import ServiceConfig
from casekit.classroom.events import Refused, parse_batch
from casekit.classroom.identity import (
    AdminCheck,
    NotAllowed,
    caller_for_token,
    is_instructor,
    token_from_header,
)
from casekit.classroom.store import Store

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'self'"
)
MARK_VALUES = {value for value, _label in pages.MARKS}


class GroupWriter:
    """Commit answers in groups, in one thread, off the event loop.

    While one commit (and its sync to disk) runs, requests that arrive wait for the next,
    which stores them all at once: under load a sync serves many answers, and the service
    keeps answering meanwhile. A request is acknowledged only after its commit.
    """

    def __init__(self, store: Store, executor: Executor) -> None:
        self.store = store
        self.executor = executor
        self._pending: list[tuple[str, list[dict[str, Any]], asyncio.Future[Any]]] = []
        self._running = False
        self._task: asyncio.Future[None] | None = None

    async def add(self, user: str, events: list[dict[str, Any]]) -> tuple[list[str], int]:
        """Store ``events`` for ``user``; return the ids stored and how many were new."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending.append((user, events, future))
        if not self._running:
            self._running = True
            self._task = asyncio.ensure_future(self._drain())
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                group, self._pending = self._pending, []
                try:
                    results = await loop.run_in_executor(
                        self.executor, self.store.add_groups, [(u, e) for u, e, _f in group]
                    )
                except Exception as exc:
                    for _u, _e, future in group:
                        future.set_exception(exc)
                    continue
                for (_u, _e, future), result in zip(group, results):
                    future.set_result(result)
        finally:
            self._running = False


@dataclass
class Service:
    """What every handler shares: the settings, the store, the verdicts and a view cache."""

    config: ServiceConfig
    store: Store
    verdicts: analysis.Verdicts
    writer: GroupWriter
    admins: AdminCheck
    charts: Executor | None = None
    _view: tuple[int, dict[str, Any], str] | None = None
    _charts: dict[tuple[str, str], str] = field(default_factory=dict)

    def view(self) -> tuple[dict[str, Any], str]:
        """Return the class view and its HTML fragment, rebuilt only when the store changed."""
        version = self.store.last_seq()
        if self._view is None or self._view[0] != version:
            view = analysis.class_view(self.store, self.verdicts)
            self._view = (version, view, pages.dashboard_fragment(view))
        return self._view[1], self._view[2]

    async def chart(self, notebook: str) -> str | None:
        """Return the SVG chart of one exercise set, rendered in the chart process.

        vl-convert holds the interpreter for a third of a second per chart (seconds for
        the first), so charts are drawn in a process of their own and the service keeps
        answering kernels meanwhile. A chart is cached until its numbers change.
        """
        view, _html = self.view()
        for s in view["sets"]:
            if s["notebook"] == notebook:
                key = (notebook, json.dumps(s, sort_keys=True))
                if key not in self._charts:
                    loop = asyncio.get_running_loop()
                    svg = await loop.run_in_executor(self.charts, spread_svg, s)
                    self._charts = {k: v for k, v in self._charts.items() if k[0] != notebook}
                    self._charts[key] = svg
                return self._charts[key]
        return None


class BaseHandler(HubOAuthenticated, web.RequestHandler):
    """Common headers and helpers."""

    @property
    def service(self) -> Service:
        return self.settings["casekit"]

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("Cache-Control", "no-store")

    def write_json(self, status: int, doc: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(doc, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = self._reason
        if self.request.path.startswith(self.service.config.prefix + "api/"):
            self.write_json(status_code, {"error": reason})
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        body = f"<p>{pages.e(reason)}.</p>"
        if status_code == 403:
            body += '<p>Your own record is at <a href="me">your record</a>.</p>'
        title = {403: "Not allowed", 404: "Not found"}.get(status_code, "Something went wrong")
        self.finish(pages.layout(f"{title} ({status_code})", body, base=self.base, nav=False))

    @property
    def base(self) -> str:
        return self.service.config.prefix

    @property
    def user_name(self) -> str:
        return str(self.current_user["name"]) if self.current_user else ""


class InstructorHandler(BaseHandler):
    """Pages and APIs for instructors only: signed-in students get 403."""

    async def prepare(self) -> None:
        user = self.current_user
        if user is None:
            if self.request.path.startswith(self.base + "api/"):
                raise web.HTTPError(401, reason="sign in through the hub first")
            if self.request.method == "GET":
                self.redirect(self.get_login_url())
                return
            raise web.HTTPError(403, reason="sign in through the hub first")
        if is_instructor(user, self.service.config.instructor_group):
            return
        if not await self.service.admins.is_admin(str(user["name"])):
            raise web.HTTPError(
                403,
                reason=f"only instructors (hub admins or the group "
                f"{self.service.config.instructor_group!r}) may see this",
            )


class DashboardHandler(InstructorHandler):
    def get(self) -> None:
        view, _html = self.service.view()
        xsrf = self.xsrf_token.decode()
        self.finish(pages.dashboard_page(view, self.user_name, self.base, xsrf))


class DashboardApiHandler(InstructorHandler):
    def get(self) -> None:
        view, html = self.service.view()
        since = self.get_argument("since", "")
        if since == str(view["version"]):
            self.write_json(200, {"version": view["version"]})
        else:
            self.write_json(200, {"version": view["version"], "html": html})


class ClassApiHandler(InstructorHandler):
    def get(self) -> None:
        view, _html = self.service.view()
        self.write_json(200, view)


class ChartHandler(InstructorHandler):
    async def get(self, notebook: str) -> None:
        svg = await self.service.chart(notebook)
        if svg is None:
            raise web.HTTPError(404, reason=f"no exercise set {notebook!r}")
        self.set_header("Content-Type", "image/svg+xml")
        self.finish(svg)


class StudentHandler(InstructorHandler):
    def get(self, user: str) -> None:
        record = analysis.student_record(self.service.store, self.service.verdicts, user)
        self.finish(pages.record_page(record, self.user_name, self.base, own=False))


class ReflectionsHandler(InstructorHandler):
    def get(self) -> None:
        rows = analysis.reflections(self.service.store)
        self.finish(
            pages.reflections_page(rows, self.user_name, self.xsrf_token.decode(), self.base)
        )


class MarksHandler(InstructorHandler):
    def post(self) -> None:
        fields = {k: self.get_body_argument(k, "") for k in ("user", "notebook", "question")}
        mark = self.get_body_argument("mark", "")
        note = self.get_body_argument("note", "")[:500]
        if not all(fields.values()) or mark not in MARK_VALUES:
            raise web.HTTPError(400, reason="a mark needs user, notebook, question and a mark")
        self.service.store.add_mark(**fields, mark=mark, note=note, marked_by=self.user_name)
        self.redirect(self.base + "reflections")


class DownloadsHandler(InstructorHandler):
    def get(self) -> None:
        self.finish(pages.downloads_page(self.user_name, self.base))


class DownloadHandler(InstructorHandler):
    def get(self, name: str) -> None:
        service = self.service
        if name == "casekit-store.sqlite":
            self._backup()
            return
        if name == "reflections.csv":
            self._send(name, exports.reflections_csv(analysis.reflections(service.store)))
            return
        if name not in (*exports.GRADE_FILES, "canvas.csv", "moodle.csv"):
            raise web.HTTPError(404, reason=f"no download {name!r}")
        if not service.verdicts.keys:
            raise web.HTTPError(409, reason="no key files: start the service with --keys")
        report = exports.grade_store(service.store, service.verdicts.keys)
        if name == "canvas.csv":
            self._send(name, exports.canvas_csv(report))
        elif name == "moodle.csv":
            self._send(name, exports.moodle_csv(report))
        else:
            with tempfile.TemporaryDirectory(prefix="casekit-export-") as tmp:
                files = exports.write_grade_files(report, Path(tmp))
                self._send(name, files[name].read_text(encoding="utf-8"))

    def _send(self, name: str, text: str) -> None:
        kind = "text/markdown" if name.endswith(".md") else "text/csv"
        self.set_header("Content-Type", f"{kind}; charset=utf-8")
        self.set_header("Content-Disposition", f'attachment; filename="{name}"')
        self.finish(text.encode("utf-8"))

    def _backup(self) -> None:
        with tempfile.TemporaryDirectory(prefix="casekit-backup-") as tmp:
            path = self.service.store.backup(Path(tmp) / "copy.sqlite")
            data = path.read_bytes()
        self.set_header("Content-Type", "application/vnd.sqlite3")
        self.set_header("Content-Disposition", 'attachment; filename="casekit-store.sqlite"')
        self.finish(data)


class MeHandler(BaseHandler):
    @web.authenticated
    def get(self) -> None:
        record = analysis.student_record(self.service.store, self.service.verdicts, self.user_name)
        self.finish(pages.record_page(record, self.user_name, self.base, own=True))


class HealthHandler(BaseHandler):
    def get(self) -> None:
        self.write_json(200, {"status": "ok", "answers": self.service.store.count_events()})


class WhoAmIHandler(BaseHandler):
    """``GET api/whoami`` with a hub token: who the hub says the caller is.

    A kernel calls it when an exercise set starts, so the service has asked the hub about
    its token (and cached the answer) before the first answer arrives.
    """

    def get_current_user(self) -> None:
        return None  # never from a cookie

    async def get(self) -> None:
        try:
            token = token_from_header(self.request.headers.get("Authorization"))
            user = await caller_for_token(self.hub_auth, token)
        except NotAllowed as exc:
            self.write_json(exc.status, {"error": str(exc)})
            return
        self.write_json(200, {"user": user})


class EventsHandler(BaseHandler):
    """Answers from kernels: the user is whoever the hub says owns the token."""

    def check_xsrf_cookie(self) -> None:
        """Token-authenticated only (cookies are never read here), so no xsrf check."""

    def get_current_user(self) -> None:
        return None  # never from a cookie

    async def post(self) -> None:
        store = self.service.store
        try:
            token = token_from_header(self.request.headers.get("Authorization"))
            user = await caller_for_token(self.hub_auth, token)
        except NotAllowed as exc:
            store.count_refusal("unauthorised")
            self.write_json(exc.status, {"error": str(exc)})
            return
        try:
            events = parse_batch(self.request.body)
        except Refused as exc:
            store.count_refusal(exc.reason)
            self.write_json(exc.status, {"error": str(exc), "reason": exc.reason})
            return
        ids, new = await self.service.writer.add(user, events)
        self.write_json(200, {"user": user, "accepted": ids, "new": new})
