"""Response headers the browser app adds to every HTTP response it serves.

`img-src 'self' data: blob:` lets the app show its own logo, avatars, uploads and
previews, and nothing else: an image URL in model-written text cannot make the
browser send design content to another host. Only `img-src` is set, because
Chainlit's front end needs its inline scripts and styles as they are.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

CSP = "img-src 'self' data: blob:"


def install(app: Any) -> None:
    """Add the headers to `app` (Chainlit's FastAPI app), before it starts serving."""

    @app.middleware("http")
    async def security_headers(request: Any, call_next: Callable[[Any], Awaitable[Any]]) -> Any:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response
