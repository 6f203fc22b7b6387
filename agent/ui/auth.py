"""Who is using the app: the owner on their own machine, or a person from the users file.

Chainlit keeps chat history only for an authenticated user. Locally, `ftdesign ui` makes a
fresh key at each launch and opens the browser at `/ftdesign/open?key=...`; agent/ui/edge.py
turns that into a cookie, and the header-auth callback here signs in the `local` user only
when the cookie holds this launch's key (another local account or a web page cannot).
With a users file (agent/ui/users.py) Chainlit's password login is used instead, one
credential per person. Every token names the credential it was issued for; edge.py refuses
a token whose credential has changed since. CHAINLIT_AUTH_SECRET signs the tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ftdesign.agent.ui import users
from ftdesign.agent.ui.scope import root

PASSWORD_ENV = "FTDESIGN_UI_PASSWORD"  # the old shared password: refused at launch now
SECRET_ENV = "CHAINLIT_AUTH_SECRET"
LAUNCH_KEY_ENV = "FTDESIGN_UI_KEY"
LAUNCH_COOKIE = "ftdesign_launch"
LOCAL_USER = "local"
NAME_LIMIT = 64
THROTTLE = users.Throttle()


def password_required() -> bool:
    return users.shared_mode(root())


def launch_key() -> str:
    """This launch's key: given by `ftdesign ui` (or a test), made here otherwise."""
    key = os.environ.get(LAUNCH_KEY_ENV, "").strip()
    if not key:
        key = os.environ[LAUNCH_KEY_ENV] = secrets.token_urlsafe(32)
    return key


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def cookie_value(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def local_identity(headers: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The local user when the request carries this launch's key (as a cookie), else None."""
    given = cookie_value((headers or {}).get("cookie", ""), LAUNCH_COOKIE) or ""
    if not hmac.compare_digest(given.encode(), launch_key().encode()):
        return None
    credential = _digest(launch_key())
    return {"identifier": LOCAL_USER, "metadata": {"provider": "local", "credential": credential}}


def password_identity(username: str, password: str) -> dict[str, Any] | None:
    """The person for a name and their own password, or None (also when throttled)."""
    name = username.strip()[:NAME_LIMIT]
    if not name or not THROTTLE.allowed(name):
        return None
    credential = users.verify(root(), name, password)
    if credential is None:
        THROTTLE.failed(name)
        return None
    return {"identifier": name, "metadata": {"provider": "password", "credential": credential}}


def token_still_valid(claims: Mapping[str, Any]) -> bool:
    """Whether a decoded token's credential is still the current one for its user."""
    metadata = claims.get("metadata") or {}
    name, credential = claims.get("identifier"), metadata.get("credential")
    if not isinstance(name, str) or not isinstance(credential, str):
        return False
    if users.shared_mode(root()):
        current = users.current_fingerprint(root(), name) if name != LOCAL_USER else None
    else:
        current = _digest(launch_key()) if name == LOCAL_USER else None
    return current is not None and hmac.compare_digest(current, credential)


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
