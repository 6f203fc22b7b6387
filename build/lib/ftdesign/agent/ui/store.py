"""Chainlit's chat history on SQLite, next to the project's LangGraph checkpoints.

Chainlit's `SQLAlchemyDataLayer` does not create its own tables (agent/ui/store_schema.py
does), and its SQL is written for Postgres: lists and dicts are bound as parameters
(SQLite cannot bind them) and JSON columns come back as text. `HistoryStore` fixes both;
`InlineStorage` keeps element contents in their rows so a resumed chat shows them.
The Chainlit thread id is the LangGraph thread id, so one id names both records.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient

from ftdesign.agent.ui.store_schema import create_tables

HISTORY_DB = Path(".ftdesign") / "ui" / "history.sqlite"

JSON_FIELDS = ("metadata", "generation", "tags", "modes", "props")
MAX_INLINE = 5_000_000  # bytes an element may keep in its row (a draft is a few KB)


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

    async def upload_file(
        self,
        object_key: str,
        data: bytes | str,
        mime: str = "text/plain",
        overwrite: bool = True,
        content_disposition: str | None = None,
    ) -> dict[str, Any]:
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
        fixed = {
            k: json.dumps(v) if k in ("tags", "modes") and isinstance(v, list | dict) else v
            for k, v in step_dict.items()
        }
        await super().create_step(fixed)  # type: ignore[arg-type]

    async def update_thread(
        self,
        thread_id: str,
        name: str | None = None,
        user_id: str | None = None,
        metadata: dict | None = None,
        tags: list[str] | None = None,
    ) -> None:
        listed: Any = json.dumps(tags) if tags is not None else None
        await super().update_thread(thread_id, name, user_id, metadata, listed)

    async def get_all_user_threads(
        self, user_id: str | None = None, thread_id: str | None = None
    ) -> Any:
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
