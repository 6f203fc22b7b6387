"""Who is using the app: a local user without a login, or password login when shared.

Chainlit keeps chat history only for an authenticated user. On one's own machine a
header-auth callback that always answers with the same local user gives history
without a login page. Setting FTDESIGN_UI_PASSWORD switches to Chainlit's password
login (every name with the shared password becomes its own user, with its own
sessions); CHAINLIT_AUTH_SECRET then signs the session cookies.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path
from typing import Any

PASSWORD_ENV = "FTDESIGN_UI_PASSWORD"
SECRET_ENV = "CHAINLIT_AUTH_SECRET"
LOCAL_USER = "local"
NAME_LIMIT = 64


def password_required() -> bool:
    return bool(os.environ.get(PASSWORD_ENV, "").strip())


def local_identity() -> dict[str, Any]:
    return {"identifier": LOCAL_USER, "metadata": {"provider": "local"}}


def password_identity(username: str, password: str) -> dict[str, Any] | None:
    """The user for a name and the shared password, or None when either is wrong."""
    expected = os.environ.get(PASSWORD_ENV, "").strip()
    name = " ".join(username.split())[:NAME_LIMIT]
    if not expected or not name:
        return None
    if not hmac.compare_digest(password.encode(), expected.encode()):
        return None
    return {"identifier": name, "metadata": {"provider": "password"}}


def ensure_secret(folder: Path) -> str:
    """CHAINLIT_AUTH_SECRET, or one generated once and kept (0600) so restarts keep logins."""
    given = os.environ.get(SECRET_ENV, "").strip()
    if given:
        return given
    path = folder / "auth-secret"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    folder.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(secret)
    return secret
