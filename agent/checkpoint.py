"""Where sessions are saved: SQLite inside the project, or Postgres for shared deployments.

The default is `<project>/.ftdesign/checkpoints.sqlite` (one file travels with the
project). Setting FTDESIGN_DATABASE_URL (a postgresql:// URL) switches to LangGraph's
Postgres saver, the multi-user path: many app processes, one database, threads kept
apart by id; it needs the `postgres` extra (`pip install 'ftdesign[postgres]'`).

The state holds pydantic records; the serializer is told exactly which classes it may
rebuild from a checkpoint, so loading never imports anything else.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.redact import redact

CHECKPOINTS = Path(".ftdesign") / "checkpoints.sqlite"
DATABASE_URL = "FTDESIGN_DATABASE_URL"
STATE_CLASSES = {
    "ftdesign.agent.records": [
        "DomainContext",
        "Issue",
        "Source",
        "Draft",
        "ArtifactRecord",
        "ExpertCritique",
        "ChecklistCheck",
        "Review",
        "Decision",
        "Reply",
        "Pending",
    ],
    "ftdesign.agent.state": ["DesignState", "DesignInput"],
}


def serializer() -> Any:
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    allowed = [(module, name) for module, names in STATE_CLASSES.items() for name in names]
    return JsonPlusSerializer(allowed_msgpack_modules=allowed)


def _redacted(url: str) -> str:
    return redact(url)


@asynccontextmanager
async def _postgres(url: str) -> AsyncIterator[Any]:
    try:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    except ImportError as error:
        raise FtdesignError(
            f"{DATABASE_URL} is set but the Postgres checkpointer is not installed.",
            hint=f"pip install 'ftdesign[postgres]', or unset {DATABASE_URL} to use SQLite",
        ) from error
    stack = AsyncExitStack()
    try:
        opened = AsyncPostgresSaver.from_conn_string(url, serde=serializer())
        saver = await stack.enter_async_context(opened)
        await saver.setup()
    except Exception as error:  # psycopg raises many kinds; the user needs one message
        await stack.aclose()
        raise FtdesignError(
            f"{DATABASE_URL}={_redacted(url)}: cannot use the session database ({error}).",
            hint="check the URL, that the server runs and the user may create tables",
        ) from error
    async with stack:
        yield saver


@asynccontextmanager
async def _sqlite(project: Path) -> AsyncIterator[Any]:
    import sqlite3

    import aiosqlite
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

    path = project / CHECKPOINTS
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(str(path))
    except (OSError, sqlite3.Error) as error:
        raise FtdesignError(
            f"{path}: cannot open the session store ({error}).",
            hint="check that the project folder exists and is writable",
        ) from error
    try:
        saver = AsyncSqliteSaver(conn, serde=serializer())
        await saver.setup()
        yield saver
    finally:
        await conn.close()


@asynccontextmanager
async def open_checkpointer(project: Path) -> AsyncIterator[Any]:
    """The saver for this project: Postgres when FTDESIGN_DATABASE_URL is set, else SQLite."""
    url = os.environ.get(DATABASE_URL, "").strip()
    opener = _postgres(url) if url else _sqlite(project)
    async with opener as saver:
        yield saver


async def list_threads(project: Path) -> list[str]:
    """Thread ids saved for a project, most recent first (for a session picker)."""
    seen: dict[str, None] = {}
    async with open_checkpointer(Path(project).resolve()) as saver:
        async for item in saver.alist(None):
            seen.setdefault(item.config["configurable"]["thread_id"], None)
    return list(seen)
