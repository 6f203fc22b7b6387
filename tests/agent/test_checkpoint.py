"""The checkpoint serializer rebuilds our state records, and nothing it was not told about."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pydantic import BaseModel

from ftdesign.agent.checkpoint import CHECKPOINTS, open_checkpointer, serializer
from ftdesign.agent.records import ArtifactRecord, Pending, Review
from ftdesign.tools.errors import FtdesignError


class Foreign(BaseModel):
    value: int = 1


def roundtrip(value: object) -> object:
    serde = serializer()
    return serde.loads_typed(serde.dumps_typed(value))


def test_state_records_roundtrip_as_models() -> None:
    record = ArtifactRecord(name="rubric", path="config/rubric.yaml").revise("a: 1\n", "user")
    pending = Pending(review=Review(verdict="PASS"), notices=["hello"])
    assert roundtrip(record) == record
    assert roundtrip(pending) == pending


def test_unlisted_classes_are_not_rebuilt() -> None:
    assert not isinstance(roundtrip(Foreign()), Foreign)


def test_sqlite_file_lives_in_the_project(tmp_path: Path) -> None:
    async def open_it() -> None:
        async with open_checkpointer(tmp_path) as saver:
            assert saver is not None

    asyncio.run(open_it())
    assert (tmp_path / CHECKPOINTS).is_file()


def test_unusable_postgres_url_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the extra, or with no server at the URL: a message naming the setting."""
    monkeypatch.setenv("FTDESIGN_DATABASE_URL", "postgresql://user:secret@127.0.0.1:1/none")

    async def open_it() -> None:
        async with open_checkpointer(tmp_path):
            pass

    with pytest.raises(FtdesignError, match="FTDESIGN_DATABASE_URL") as error:
        asyncio.run(open_it())
    assert "secret" not in str(error.value)
    assert not (tmp_path / CHECKPOINTS).exists()


def test_threads_of_a_project_are_listed(driver, project: Path) -> None:  # type: ignore[no-untyped-def]
    from ftdesign.agent.checkpoint import list_threads

    driver.start()
    assert asyncio.run(list_threads(project)) == [driver.session.thread_id]
