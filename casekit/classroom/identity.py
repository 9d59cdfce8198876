"""Who is calling, as the hub says, and whether they may see the class.

The service never takes a name from a request: a kernel's request carries the hub token
the hub gave its server (``Authorization: token …``) and :func:`caller_for_token` asks
the hub whose it is; a browser carries the service's OAuth cookie, read by
``HubOAuthenticated``. Instructors are hub admins and members of one hub group.
"""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r"^(?:token|bearer)\s+(\S+)\s*$", re.IGNORECASE)


class NotAllowed(Exception):
    """The caller is not allowed: ``status`` is 401 (who are you?) or 403 (not you)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def token_from_header(value: str | None) -> str:
    """Return the token of an ``Authorization: token …`` header.

    Raises
    ------
    NotAllowed
        401 if there is no usable header.
    """
    match = _TOKEN.match(value or "")
    if not match:
        raise NotAllowed(401, "no hub token: send 'Authorization: token <JUPYTERHUB_API_TOKEN>'")
    return match.group(1)


async def caller_for_token(hub_auth: Any, token: str) -> str:
    """Return the name of the hub user who owns ``token``.

    Parameters
    ----------
    hub_auth : jupyterhub.services.auth.HubAuth
        The service's hub client (it caches answers for ``cache_max_age`` seconds).
    token : str
        The token from the request.

    Raises
    ------
    NotAllowed
        403 if the hub does not know the token, it belongs to a service, or it lacks the
        scope that grants access to this service.
    """
    model = await hub_auth.user_for_token(token, sync=False)
    if not model:
        raise NotAllowed(403, "the hub does not know this token")
    if model.get("kind", "user") != "user":
        raise NotAllowed(403, "only users' tokens may send answers")
    if not has_access(hub_auth, model):
        raise NotAllowed(403, "this token has no access to the casekit service")
    return str(model["name"])


def has_access(hub_auth: Any, model: dict[str, Any]) -> bool:
    """Return whether the user model's scopes include access to this service."""
    from jupyterhub.services.auth import check_scopes

    required = hub_auth.access_scopes
    return not required or bool(check_scopes(required, set(model.get("scopes") or ())))


def is_instructor(model: dict[str, Any] | None, group: str) -> bool:
    """Return whether a hub user model names an instructor: an admin or a member of ``group``.

    The model a sign-in gives (the hub's "identify" model) has the groups but not the
    admin flag; :class:`AdminCheck` asks the hub about that.
    """
    if not model:
        return False
    return bool(model.get("admin")) or group in (model.get("groups") or ())


class AdminCheck:
    """Whether a hub user is an admin, asked of the hub with the service's own token.

    Needs the service to hold the ``read:users`` scope (a role for the service, see
    ``docs/instructor-guide.md``); without it every answer is "not an admin". Answers are
    kept for ``max_age`` seconds.
    """

    def __init__(self, hub_auth: Any, max_age: float = 60.0) -> None:
        self.hub_auth = hub_auth
        self.max_age = max_age
        self._cache: dict[str, tuple[float, bool]] = {}

    async def is_admin(self, name: str) -> bool:
        """Return whether the hub says ``name`` is an admin (False if it cannot say)."""
        import json
        import time
        from urllib.parse import quote

        from tornado.httpclient import AsyncHTTPClient, HTTPClientError

        now = time.monotonic()
        cached = self._cache.get(name)
        if cached and now - cached[0] < self.max_age:
            return cached[1]
        url = f"{self.hub_auth.api_url.rstrip('/')}/users/{quote(name, safe='')}"
        try:
            reply = await AsyncHTTPClient().fetch(
                url,
                headers={"Authorization": f"token {self.hub_auth.api_token}"},
                request_timeout=5,
            )
            admin = bool(json.loads(reply.body).get("admin"))
        except (HTTPClientError, OSError, ValueError):
            admin = False
        self._cache[name] = (now, admin)
        return admin
