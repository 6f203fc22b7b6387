"""Chainlit's chat history on SQLite: the schema we create, and a real round trip."""

from __future__ import annotations

import asyncio
import base64
import sqlite3
import typing

import chainlit as cl
from chainlit.context import init_http_context
from chainlit.element import ElementDict
from chainlit.step import StepDict

from ftdesign.agent.ui.store import HISTORY_DB, open_store
from ftdesign.agent.ui.store_schema import SCHEMA, create_tables


def columns(path, table):
    with sqlite3.connect(path) as db:
        return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def test_schema_has_a_column_for_every_key_chainlit_writes(tmp_path):
    create_tables(tmp_path / "h.sqlite")
    written_by_chainlit = {
        "steps": set(typing.get_type_hints(StepDict)) - {"feedback"},  # feedback has its table
        "elements": set(typing.get_type_hints(ElementDict)),
    }
    for table, keys in written_by_chainlit.items():
        assert keys <= columns(tmp_path / "h.sqlite", table), keys - columns(
            tmp_path / "h.sqlite", table
        )


def test_missing_columns_are_added_to_an_older_file(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.execute('CREATE TABLE steps ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL)')
    create_tables(path)
    assert {name for name, _ in SCHEMA["steps"]} <= columns(path, "steps")


def test_thread_round_trip_keeps_json_as_json(tmp_path):
    async def scenario():
        init_http_context(thread_id="t-1")  # steps are written only inside a Chainlit context
        store = open_store(tmp_path)
        user = await store.create_user(cl.User(identifier="local", metadata={"provider": "local"}))
        await store.update_thread(
            "t-1",
            name="billing bot",
            user_id=user.id,
            metadata={"chat_settings": {}},
            tags=["ftdesign"],
        )
        await store.create_step(
            {
                "id": "s-1",
                "threadId": "t-1",
                "name": "ftdesign",
                "type": "assistant_message",
                "streaming": False,
                "output": "Gate 4",
                "createdAt": "2026-01-01T00:00:00Z",
                "metadata": {"ftdesign_stop": "rubric"},
                "tags": ["stop"],
                "modes": {"m": "x"},
            }
        )
        draft = cl.Text(
            name="config/rubric.yaml",
            content="pass_threshold: 0.8 · ok\n",
            language="yaml",
            mime="text/plain",
            display="inline",
            for_id="s-1",
            thread_id="t-1",
        )
        await store.create_element(draft)
        thread = await store.get_thread("t-1")
        await store.engine.dispose()
        return user, thread

    user, thread = asyncio.run(scenario())
    assert (tmp_path / HISTORY_DB).is_file()
    assert thread["userIdentifier"] == "local" and thread["name"] == "billing bot"
    assert thread["metadata"] == {"chat_settings": {}}
    assert thread["tags"] == ["ftdesign"]
    [step] = thread["steps"]
    assert step["output"] == "Gate 4"
    assert step["metadata"] == {"ftdesign_stop": "rubric"}
    assert step["tags"] == ["stop"]
    [element] = thread["elements"]  # the draft comes back with its content, for a resumed chat
    assert element["name"] == "config/rubric.yaml" and element["forId"] == "s-1"
    header, _, data = element["url"].partition(",")
    assert header == "data:text/plain;base64"
    assert base64.b64decode(data).decode("utf-8") == "pass_threshold: 0.8 · ok\n"
