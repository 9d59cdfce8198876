"""Talk to a test hub as a person would: log in through the hub's form, get a token, post.

No browser: urllib with a cookie jar, the hub's ``_xsrf`` cookie sent back as the form
field, redirects followed (the recipe in ``reference/recipes-hub.md``).
"""

from __future__ import annotations

import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from casekit.classroom.demo import PASSWORD


@dataclass
class Reply:
    status: int
    body: bytes
    url: str

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class HubUser:
    """One person signed in to the hub (a cookie jar)."""

    def __init__(self, base: str, name: str) -> None:
        self.base = base
        self.name = name
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _cookie(self, name: str) -> str:
        for cookie in self.jar:
            if cookie.name == name:
                return cookie.value
        return ""

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> Reply:
        req = urllib.request.Request(
            self.base + path, data=body, method=method, headers=headers or {}
        )
        try:
            with self.opener.open(req, timeout=timeout) as resp:
                return Reply(resp.status, resp.read(), resp.url)
        except urllib.error.HTTPError as exc:
            return Reply(exc.code, exc.read(), exc.url)

    def login(self, password: str = PASSWORD) -> HubUser:
        """Sign in through the login form; land on the hub's home page (no server started)."""
        self.request("GET", "/hub/login")
        form = urllib.parse.urlencode(
            {"username": self.name, "password": password, "_xsrf": self._cookie("_xsrf")}
        ).encode()
        reply = self.request(
            "POST",
            "/hub/login?next=%2Fhub%2Fhome",
            form,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert reply.status == 200, (reply.status, reply.url)
        return self

    def stop_server(self, timeout: float = 60) -> None:
        """Stop this user's server (and its kernels) through the hub's REST API."""
        import time

        path = f"/hub/api/users/{self.name}/server"
        headers = {"X-XSRFToken": self._cookie("_xsrf")}
        reply = self.request("DELETE", path, headers=headers)
        assert reply.status in (202, 204, 400), (reply.status, reply.body[:200])
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            model = self.request("GET", f"/hub/api/users/{self.name}", headers=headers).json()
            if not model.get("servers"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"the server of {self.name} did not stop")

    def new_token(self, scopes: list[str]) -> str:
        """A token of this user's with ``scopes`` (created through the hub's REST API)."""
        reply = self.request(
            "POST",
            f"/hub/api/users/{self.name}/tokens",
            json.dumps({"scopes": scopes, "note": "casekit test"}).encode(),
            {"X-XSRFToken": self._cookie("_xsrf"), "Content-Type": "application/json"},
        )
        assert reply.status == 201, (reply.status, reply.body[:300])
        return reply.json()["token"]


SERVICE_SCOPE = "access:services!service=casekit"


def post_events(
    base: str, token: str | None, events: list[dict[str, Any]] | bytes, timeout: float = 10
) -> Reply:
    """POST answer events to the service as a kernel does (no cookies)."""
    body = events if isinstance(events, bytes) else json.dumps({"events": events}).encode()
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"token {token}"
    req = urllib.request.Request(
        base + "/services/casekit/api/events", data=body, method="POST", headers=headers
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Reply(resp.status, resp.read(), resp.url)
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, exc.read(), exc.url)


def get(base: str, path: str, token: str | None = None) -> Reply:
    """GET with a token (or none), no cookies, no redirects followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    headers = {"Authorization": f"token {token}"} if token else {}
    req = urllib.request.Request(base + path, headers=headers)
    try:
        with opener.open(req, timeout=30) as resp:
            return Reply(resp.status, resp.read(), resp.url)
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, exc.read(), exc.url)


def event(
    eid: str,
    question: str = "document",
    answer: Any = "A treaty",
    notebook: str = "01_almaty_meeting",
    **extra: Any,
) -> dict[str, Any]:
    """An answer event as the kernel client sends it."""
    doc = {
        "id": eid,
        "notebook": notebook,
        "question": question,
        "kind": "single_choice",
        "answer": answer,
        "status": "incorrect",
        "score": 0.0,
        "attempt": 1,
        "session": "testsession1",
        "saved_at": "2026-12-03T10:00:00.000+00:00",
    }
    doc.update(extra)
    return doc
