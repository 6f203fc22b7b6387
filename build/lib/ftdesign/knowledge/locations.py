"""Where the knowledge base reads its sources and keeps its store.

Sources ship inside the package (`knowledge/guides`, `knowledge/domains`). The store defaults
to a per-user cache directory so a read-only install still works; `FTDESIGN_KNOWLEDGE_DIR`
moves it, and `FTDESIGN_CHROMA_URL` switches to a shared Chroma server (the team path).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from ftdesign.tools.errors import FtdesignError

PACKAGE_DIR = Path(__file__).resolve().parent
COLLECTION_NAME = "ftdesign_knowledge"


def guides_dir() -> Path:
    """The shipped guides, one Markdown file per gate."""
    return PACKAGE_DIR / "guides"


def domains_dir() -> Path:
    """The shipped worked domains, one folder per domain."""
    return PACKAGE_DIR / "domains"


def default_store_dir() -> Path:
    """`FTDESIGN_KNOWLEDGE_DIR`, else `$XDG_CACHE_HOME/ftdesign/knowledge` (~/.cache by default)."""
    configured = os.environ.get("FTDESIGN_KNOWLEDGE_DIR")
    if configured:
        return Path(configured).expanduser()
    cache_root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_root) / "ftdesign" / "knowledge"


def chroma_server() -> tuple[str, int, bool] | None:
    """(host, port, ssl) from `FTDESIGN_CHROMA_URL`, or None for the embedded store."""
    url = os.environ.get("FTDESIGN_CHROMA_URL", "").strip()
    if not url:
        return None
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise FtdesignError(
            f"FTDESIGN_CHROMA_URL={url!r} is not an http(s) URL",
            hint="set it like http://localhost:8000, or unset it to use the embedded store",
        )
    ssl = parsed.scheme == "https"
    return parsed.hostname, parsed.port or (443 if ssl else 8000), ssl
