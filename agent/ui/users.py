"""The people who may use a shared app: a users file of names and salted password hashes.

`ftdesign users add NAME` writes `<project>/.ftdesign/users.json` (0600; another file
with FTDESIGN_UI_USERS). With at least one person in it the app asks for a login and each
person works in their own folder. Hashes are scrypt with a per-person salt; a login
token carries a fingerprint of the hash it was issued for, so changing or removing a
password signs that person out everywhere. `local` is reserved for the no-login mode.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import time
from collections import defaultdict, deque
from pathlib import Path

from ftdesign.tools.errors import FtdesignError

USERS_ENV = "FTDESIGN_UI_USERS"
USERS_FILE = Path(".ftdesign") / "users.json"
RESERVED = {"local"}
NAME_RULE = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")
MIN_PASSWORD = 10
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}  # ~16 MB and ~50 ms per check


def users_path(project: Path) -> Path:
    given = os.environ.get(USERS_ENV, "").strip()
    return Path(given).expanduser().resolve() if given else project / USERS_FILE


def load(project: Path) -> dict[str, dict[str, str]]:
    path = users_path(project)
    if not path.is_file():
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FtdesignError(
            f"{path}: cannot read the users file ({error}).",
            hint="fix or delete it, then add people again with `ftdesign users add NAME`",
        ) from error
    if not isinstance(found, dict):
        raise FtdesignError(f"{path}: not a users file (expected an object of names).")
    return found


def shared_mode(project: Path) -> bool:
    return bool(load(project))


def _hash(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT).hex()  # type: ignore[arg-type]


def _write(project: Path, users: dict[str, dict[str, str]]) -> None:
    path = users_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".users-")  # created 0600
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(users, file, indent=1, sort_keys=True)
    os.replace(temp, path)


def check_name(name: str) -> str:
    if name in RESERVED or not NAME_RULE.fullmatch(name):
        raise FtdesignError(
            f"user name {name!r}: not allowed.",
            hint="use 1-32 lowercase letters, digits, '.', '_' or '-', not 'local'",
        )
    return name


def add(project: Path, name: str, password: str) -> None:
    """Add a person or change their password (which signs them out everywhere)."""
    check_name(name)
    if len(password.strip()) < MIN_PASSWORD:
        raise FtdesignError(
            f"password for {name}: too short.",
            hint=f"use at least {MIN_PASSWORD} characters that are not all spaces",
        )
    salt = secrets.token_bytes(16)
    users = load(project)
    users[name] = {"salt": salt.hex(), "hash": _hash(password, salt)}
    _write(project, users)


def remove(project: Path, name: str) -> bool:
    users = load(project)
    if users.pop(name, None) is None:
        return False
    _write(project, users)
    return True


def fingerprint(entry: dict[str, str]) -> str:
    """What a token is bound to: changes whenever the password (salt and hash) changes."""
    return hashlib.sha256(f"{entry['salt']}:{entry['hash']}".encode()).hexdigest()[:24]


def verify(project: Path, name: str, password: str) -> str | None:
    """The credential fingerprint when the name and password match, else None."""
    entry = load(project).get(name)
    if entry is None:
        _hash(password, b"no such person!!")  # the same cost either way: names stay private
        return None
    try:
        expected = _hash(password, bytes.fromhex(entry["salt"]))
    except (KeyError, ValueError):
        return None
    return fingerprint(entry) if hmac.compare_digest(expected, entry.get("hash", "")) else None


def current_fingerprint(project: Path, name: str) -> str | None:
    entry = load(project).get(name)
    return fingerprint(entry) if entry else None


class Throttle:
    """At most `limit` failed logins per name, and `limit * 4` overall, in `window` seconds."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self.failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self.failures[key]
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def allowed(self, name: str) -> bool:
        now = time.monotonic()
        return (
            len(self._recent(name, now)) < self.limit
            and len(self._recent("*", now)) < self.limit * 4
        )

    def failed(self, name: str) -> None:
        now = time.monotonic()
        self.failures[name].append(now)
        self.failures["*"].append(now)
