"""Chainlit's chat history on SQLite, next to the project's LangGraph checkpoints.

Chainlit's `SQLAlchemyDataLayer` does not create its own tables, and its SQL is
written for Postgres: lists and dicts are bound as parameters (SQLite cannot bind
them) and JSON columns come back as text. `create_tables` makes the schema (and
adds columns a newer Chainlit writes), `HistoryStore` fixes the two differences.
The Chainlit thread id is the LangGraph thread id, so one id names both records.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path
from typing import Any

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient

HISTORY_DB = Path(".ftdesign") / "ui" / "history.sqlite"

# Column names follow Chainlit's StepDict / ElementDict keys (tests/ui/test_store.py
# compares them), so an upgrade that adds a key shows up as a failing test.
SCHEMA: dict[str, list[tuple[str, str]]] = {
    "users": [("id", "TEXT PRIMARY KEY"), ("identifier", "TEXT NOT NULL UNIQUE"),
              ("metadata", "TEXT NOT NULL"), ("createdAt", "TEXT")],
    "threads": [("id", "TEXT PRIMARY KEY"), ("createdAt", "TEXT"), ("name", "TEXT"),
                ("userId", "TEXT REFERENCES users(id) ON DELETE CASCADE"),
                ("userIdentifier", "TEXT"), ("tags", "TEXT"), ("metadata", "TEXT")],
    "steps": [("id", "TEXT PRIMARY KEY"), ("name", "TEXT NOT NULL"), ("type", "TEXT NOT NULL"),
              ("threadId", "TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE"),
              ("parentId", "TEXT"), ("streaming", "BOOLEAN NOT NULL"),
              ("waitForAnswer", "BOOLEAN"), ("isError", "BOOLEAN"), ("metadata", "TEXT"),
              ("tags", "TEXT"), ("input", "TEXT"), ("output", "TEXT"), ("createdAt", "TEXT"),
              ("command", "TEXT"), ("modes", "TEXT"), ("start", "TEXT"), ("end", "TEXT"),
              ("generation", "TEXT"), ("showInput", "TEXT"), ("language", "TEXT"),
              ("indent", "INT"), ("defaultOpen", "BOOLEAN"), ("autoCollapse", "BOOLEAN"),
              ("icon", "TEXT")],
    "elements": [("id", "TEXT PRIMARY KEY"), ("threadId", "TEXT"), ("type", "TEXT"),
                 ("url", "TEXT"), ("chainlitKey", "TEXT"), ("path", "TEXT"),
                 ("name", "TEXT NOT NULL"), ("display", "TEXT"), ("objectKey", "TEXT"),
                 ("size", "TEXT"), ("page", "INT"), ("language", "TEXT"), ("forId", "TEXT"),
                 ("mime", "TEXT"), ("props", "TEXT"), ("autoPlay", "BOOLEAN"),
                 ("playerConfig", "TEXT")],
    "feedbacks": [("id", "TEXT PRIMARY KEY"), ("forId", "TEXT NOT NULL"),
                  ("threadId", "TEXT NOT NULL"), ("value", "INT NOT NULL"), ("comment", "TEXT")],
}  # fmt: skip
JSON_FIELDS = ("metadata", "generation", "tags", "modes", "props")
MAX_INLINE = 5_000_000  # bytes an element may keep in its row (a draft is a few KB)


def create_tables(path: Path) -> None:
    """Create the history tables, and add any column this Chainlit knows but the file lacks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        for table, columns in SCHEMA.items():
            body = ", ".join(f'"{name}" {kind}' for name, kind in columns)
            db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
            present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns:
                if name not in present:  # constraints cannot be added later; the type can
                    db.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {kind.split()[0]}')


def _decoded(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _with_json(record: dict[str, Any]) -> dict[str, Any]:
    return {k: _decoded(v) if k in JSON_FIELDS else v for k, v in record.items()}


class InlineStorage(BaseStorageClient):
    """Element contents (drafts, editors, downloads) kept in their own row as data: URLs.

    The browser reads them back with no file server and no extra authentication route,
    so a resumed chat shows every earlier draft where it was.
    """

    async def upload_file(self, object_key: str, data: bytes | str, mime: str = "text/plain",
                          overwrite: bool = True, content_disposition: str | None = None,
                          ) -> dict[str, Any]:  # fmt: skip
        # No object key: the data layer then reads the stored URL back instead of asking us.
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if len(raw) > MAX_INLINE:
            return {"object_key": None, "url": None}  # shown live, not kept
        encoded = base64.b64encode(raw).decode("ascii")
        return {"object_key": None, "url": f"data:{mime};base64,{encoded}"}

    async def delete_file(self, object_key: str) -> bool:
        return True  # the row holding the content is deleted by the data layer

    async def get_read_url(self, object_key: str) -> str:
        return ""

    async def close(self) -> None:
        return None


class HistoryStore(SQLAlchemyDataLayer):
    """Chainlit's SQLAlchemy data layer with SQLite's JSON handled both ways."""

    async def create_step(self, step_dict: Any) -> None:
        fixed = {k: json.dumps(v) if k in ("tags", "modes") and isinstance(v, list | dict) else v
                 for k, v in step_dict.items()}  # fmt: skip
        await super().create_step(fixed)  # type: ignore[arg-type]

    async def update_thread(self, thread_id: str, name: str | None = None,
                            user_id: str | None = None, metadata: dict | None = None,
                            tags: list[str] | None = None) -> None:  # fmt: skip
        listed: Any = json.dumps(tags) if tags is not None else None
        await super().update_thread(thread_id, name, user_id, metadata, listed)

    async def get_all_user_threads(self, user_id: str | None = None,
                                   thread_id: str | None = None) -> Any:  # fmt: skip
        threads = await super().get_all_user_threads(user_id=user_id, thread_id=thread_id)
        for thread in threads or []:
            thread.update(_with_json(dict(thread)))  # type: ignore[typeddict-item]
            thread["steps"] = [_with_json(dict(step)) for step in thread["steps"]]  # type: ignore[misc]
        return threads


def open_store(project: Path) -> HistoryStore:
    """The data layer for a project's UI history (tables created on first use)."""
    path = project / HISTORY_DB
    create_tables(path)
    return HistoryStore(conninfo=f"sqlite+aiosqlite:///{path}", storage_provider=InlineStorage())
