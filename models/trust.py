"""What a project's own `ftdesign.toml` may ask for, and where keys may travel.

A project folder can come from anyone (a zip, a clone), so its settings file is
untrusted input. It may name a key variable only if it looks like one
(`*_API_KEY`): otherwise `api_key_env = "GITHUB_TOKEN"` plus a `base_url` would
mail any secret in the environment to any host. Its `gguf` must lie inside the
project or the configured models folder (FTDESIGN_MODELS_DIR), not anywhere on the
server. Whatever the source, a key or a design never crosses the network in clear
text: a non-loopback endpoint must be https. Each (variable, host) pair a key is
sent to is logged once, so the owner sees where their keys go.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.redact import redact

MODELS_DIR = "FTDESIGN_MODELS_DIR"
KEY_VARIABLE = re.compile(r"[A-Z][A-Z0-9_]*_API_KEY")
logger = logging.getLogger("ftdesign.models")
_announced: set[tuple[str, str]] = set()


def file_key_variable(name: object, file: Path, role: str) -> object:
    """`api_key_env` from a project file, refused unless it names an `*_API_KEY` variable."""
    if isinstance(name, str) and KEY_VARIABLE.fullmatch(name):
        return name
    raise FtdesignError(
        f"{file}: [models.{role}] api_key_env = {str(name)[:60]!r} is refused: a project"
        " file may only name a variable ending in _API_KEY.",
        hint=f"rename the variable (e.g. MY_PROVIDER_API_KEY), or set"
        f" FTDESIGN_{role.upper()}_API_KEY_ENV in the environment instead",
    )


def models_dir() -> Path | None:
    value = os.environ.get(MODELS_DIR, "").strip()
    return Path(value).expanduser().resolve() if value else None


def file_gguf(project: Path, value: str, file: Path, role: str) -> Path:
    """A project file's `gguf`, relative to the project; refused when it resolves (links
    followed) outside both the project and the models folder."""
    path = project / Path(value).expanduser()
    resolved = path.resolve()
    roots = [project.resolve(), *filter(None, [models_dir()])]
    if any(resolved.is_relative_to(root) for root in roots):
        return path
    where = "the project" + (f" or {MODELS_DIR}" if models_dir() else "")
    raise FtdesignError(
        f"{file}: [models.{role}] gguf {value[:80]!r} is outside {where}.",
        hint=f"copy the model into the project or the folder named by {MODELS_DIR},"
        f" or set FTDESIGN_{role.upper()}_GGUF in the environment",
    )


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_endpoint(role: str, url: str, setting: str) -> None:
    """Refuse a non-loopback endpoint that is not https: keys and designs travel there."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FtdesignError(
            f"model role {role}: base_url {redact(url)!r} is not an http(s) URL.",
            hint=f"fix {setting}",
        )
    if parts.scheme != "https" and not is_loopback(url):
        raise FtdesignError(
            f"model role {role}: {redact(url)} is not loopback, so it must use https.",
            hint=f"use https://{parts.netloc.rpartition('@')[2]}{parts.path}, an SSH tunnel"
            f" to 127.0.0.1, or change {setting}",
        )


def announce_key(role: str, variable: str, url: str) -> None:
    """Say once per process which key variable is sent to which host."""
    host = urlsplit(url).netloc.rpartition("@")[2] or url
    if (variable, host) not in _announced:
        _announced.add((variable, host))
        logger.warning("ftdesign: model role %s sends $%s to %s", role, variable, host)
