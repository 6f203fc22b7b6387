"""Response headers the browser app adds to every HTTP response it serves.

`img-src 'self' data: blob:` lets the app show its own logo, avatars, uploads and
previews, and nothing else: an image URL in model-written text cannot make the
browser send design content to another host. Only `img-src` is set, because
Chainlit's front end needs its inline scripts and styles as they are.

Plain ASGI, not Starlette's `@app.middleware("http")`: that wrapper raises "No response
returned" (a traceback in the terminal) whenever a browser drops a request it no longer needs,
as a sign-in's redirect does.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "img-src 'self' data: blob:"
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}


class SecurityHeaders:
    """Adds HEADERS to each HTTP response's start, unless the response set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: Any) -> None:
    """Add the headers to `app` (Chainlit's FastAPI app), before it starts serving."""
    if not any(m.cls is SecurityHeaders for m in app.user_middleware):
        app.add_middleware(SecurityHeaders)
