"""The app's edge: every request and socket is checked here before Chainlit sees it.

Chainlit 2.12 trusts what the browser sends: the socket's `sessionId` becomes a folder it
deletes when the session clears, the `threadId` names the chat and our files. So:
- the socket's connect refuses any session or thread id that is not a canonical UUID;
- a request whose Host is not one of the app's names is refused (DNS rebinding), and so
  is a socket or a state-changing request from another web page's Origin;
- a login token whose credential changed since it was issued is dropped;
- `/ftdesign/open?key=...` turns this launch's key into the cookie local mode signs in with.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

import jwt

from ftdesign.agent.ui import auth
from ftdesign.agent.ui.scope import canonical_id

HOSTS_ENV = "FTDESIGN_UI_HOSTS"
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
OPEN_PATH = "/ftdesign/open"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]


def allowed_hosts() -> set[str]:
    """Host names the app answers to: loopback, plus the names a shared app was given."""
    named = {h.strip().lower() for h in os.environ.get(HOSTS_ENV, "").split(",") if h.strip()}
    return LOOPBACK_NAMES | named


def host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1:].partition("]")[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def origin_allowed(origin: str) -> bool:
    scheme, _, rest = origin.partition("://")
    return scheme in ("http", "https") and host_name(rest.split("/")[0]) in allowed_hosts()


def refusal(environ_or_headers: dict[str, str]) -> str | None:
    """Why a request's Host or Origin is refused, or None."""
    host = environ_or_headers.get("host", "")
    if host_name(host) not in allowed_hosts():
        return f"host {host!r} is not one of this app's names"
    origin = environ_or_headers.get("origin")
    if origin and not origin_allowed(origin):
        return f"origin {origin!r} may not use this app"
    return None


def check_ids(auth_payload: Any) -> None:
    """Refuse a socket whose session or thread id is not a canonical UUID."""
    if not isinstance(auth_payload, dict) or canonical_id(auth_payload.get("sessionId")) is None:
        raise ConnectionRefusedError("session id must be a UUID")
    thread = auth_payload.get("threadId")
    if thread not in (None, "") and canonical_id(thread) is None:  # "" is a new chat
        raise ConnectionRefusedError("thread id must be a UUID")


def guard_socket(sio: Any) -> None:
    """Put the id and origin checks in front of Chainlit's own socket `connect`."""
    original = sio.handlers["/"]["connect"]
    if getattr(original, "ftdesign_guarded", False):
        return

    async def connect(sid: str, environ: dict[str, Any], auth_payload: Any = None) -> Any:
        headers = {"host": environ.get("HTTP_HOST", ""), "origin": environ.get("HTTP_ORIGIN", "")}
        reason = refusal({k: v for k, v in headers.items() if v})
        if reason:
            raise ConnectionRefusedError(reason)
        check_ids(auth_payload)
        return await original(sid, environ, auth_payload)

    connect.ftdesign_guarded = True  # type: ignore[attr-defined]
    sio.handlers["/"]["connect"] = connect


def _token_valid(token: str) -> bool:
    secret = os.environ.get(auth.SECRET_ENV, "")
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"])
    except jwt.PyJWTError:
        return True  # not ours to judge: Chainlit refuses it itself
    return auth.token_still_valid(claims)


def _without_stale_token(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The headers with a token whose credential changed removed (the user must sign in)."""
    kept = []
    for name, value in headers:
        text = value.decode("latin-1")
        if name == b"authorization" and not _token_valid(text.partition(" ")[2]):
            continue
        if name == b"cookie":
            jar = SimpleCookie()
            jar.load(text)
            parts = [m for m in jar.values() if m.key.startswith("access_token")]
            token = "".join(m.value for m in sorted(parts, key=lambda m: m.key))
            if token and not _token_valid(token):
                kept_cookies = [f"{m.key}={m.value}" for m in jar.values() if m not in parts]
                value = "; ".join(kept_cookies).encode("latin-1")
        kept.append((name, value))
    return kept


async def _respond(send: Any, status: int, text: str, extra: list | None = None) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text.encode()})


class Edge:
    """ASGI middleware in front of Chainlit's whole app (pages, API and socket)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        reason = refusal(headers)
        unsafe = scope.get("method", "GET") not in SAFE_METHODS or "/ws/" in scope["path"]
        if reason and (unsafe or "origin" not in reason):
            await self._refuse(scope, send, reason)
            return
        if scope["path"] == OPEN_PATH:
            await self._open(scope, send)
            return
        scope = {**scope, "headers": _without_stale_token(scope["headers"])}
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, send: Any, reason: str) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await _respond(send, 403, f"ftdesign: refused: {reason}.\n")

    async def _open(self, scope: Scope, send: Any) -> None:
        """Local mode's door: this launch's key in the URL becomes a cookie."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        key = (query.get("key") or [""])[0]
        if auth.password_required() or not hmac.compare_digest(key, auth.launch_key()):
            await _respond(send, 403, "ftdesign: this link is not for this launch.\n")
            return
        cookie = f"{auth.LAUNCH_COOKIE}={key}; Path=/; HttpOnly; SameSite=Lax"
        extra = [(b"location", b"/"), (b"set-cookie", cookie.encode())]
        await _respond(send, 303, "", extra)


def install() -> None:
    """Wire the edge into Chainlit's server; call once, before it starts listening."""
    import chainlit.socket  # noqa: F401 - registers the `connect` this wraps
    from chainlit.server import app, sio

    guard_socket(sio)
    if not any(m.cls is Edge for m in app.user_middleware):
        app.add_middleware(Edge)
