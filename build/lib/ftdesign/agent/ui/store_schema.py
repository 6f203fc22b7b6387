"""The tables Chainlit's SQL data layer expects, created on SQLite by us.

Chainlit's `SQLAlchemyDataLayer` writes to these tables but never creates them; its
documented schema is Postgres DDL. This is the same schema in SQLite's types, plus
an upgrade step that adds the columns a newer Chainlit writes to an older file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Column names follow Chainlit's StepDict / ElementDict keys (tests/ui/test_store.py
# compares them), so an upgrade that adds a key shows up as a failing test.
SCHEMA: dict[str, list[tuple[str, str]]] = {
    "users": [
        ("id", "TEXT PRIMARY KEY"),
        ("identifier", "TEXT NOT NULL UNIQUE"),
        ("metadata", "TEXT NOT NULL"),
        ("createdAt", "TEXT"),
    ],
    "threads": [
        ("id", "TEXT PRIMARY KEY"),
        ("createdAt", "TEXT"),
        ("name", "TEXT"),
        ("userId", "TEXT REFERENCES users(id) ON DELETE CASCADE"),
        ("userIdentifier", "TEXT"),
        ("tags", "TEXT"),
        ("metadata", "TEXT"),
    ],
    "steps": [
        ("id", "TEXT PRIMARY KEY"),
        ("name", "TEXT NOT NULL"),
        ("type", "TEXT NOT NULL"),
        ("threadId", "TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE"),
        ("parentId", "TEXT"),
        ("streaming", "BOOLEAN NOT NULL"),
        ("waitForAnswer", "BOOLEAN"),
        ("isError", "BOOLEAN"),
        ("metadata", "TEXT"),
        ("tags", "TEXT"),
        ("input", "TEXT"),
        ("output", "TEXT"),
        ("createdAt", "TEXT"),
        ("command", "TEXT"),
        ("modes", "TEXT"),
        ("start", "TEXT"),
        ("end", "TEXT"),
        ("generation", "TEXT"),
        ("showInput", "TEXT"),
        ("language", "TEXT"),
        ("indent", "INT"),
        ("defaultOpen", "BOOLEAN"),
        ("autoCollapse", "BOOLEAN"),
        ("icon", "TEXT"),
    ],
    "elements": [
        ("id", "TEXT PRIMARY KEY"),
        ("threadId", "TEXT"),
        ("type", "TEXT"),
        ("url", "TEXT"),
        ("chainlitKey", "TEXT"),
        ("path", "TEXT"),
        ("name", "TEXT NOT NULL"),
        ("display", "TEXT"),
        ("objectKey", "TEXT"),
        ("size", "TEXT"),
        ("page", "INT"),
        ("language", "TEXT"),
        ("forId", "TEXT"),
        ("mime", "TEXT"),
        ("props", "TEXT"),
        ("autoPlay", "BOOLEAN"),
        ("playerConfig", "TEXT"),
    ],
    "feedbacks": [
        ("id", "TEXT PRIMARY KEY"),
        ("forId", "TEXT NOT NULL"),
        ("threadId", "TEXT NOT NULL"),
        ("value", "INT NOT NULL"),
        ("comment", "TEXT"),
    ],
}


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
