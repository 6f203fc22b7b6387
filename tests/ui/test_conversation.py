"""One request at a time per chat; callbacks keep Chainlit's keyword calling convention."""

from __future__ import annotations

import asyncio

from chainlit.context import init_http_context

from agent.ui.conversation import INTENT, exclusive, one_at_a_time


def test_a_guarded_callback_takes_keywords_and_a_second_request_waits_its_turn():
    calls = []

    @one_at_a_time
    async def handler(action):
        calls.append(action)
        return action

    async def scenario():
        init_http_context()
        assert await handler(action="first") == "first"  # Chainlit passes arguments by name
        async with exclusive() as free:
            assert free
            assert await handler(action="second") is None  # refused while one is running
        from chainlit.user_session import user_session

        user_session.set(INTENT, "change")
        await handler(action="third")
        return user_session.get(INTENT)

    assert asyncio.run(scenario()) is None  # any request ends a pending ask for words
    assert calls == ["first", "third"]
