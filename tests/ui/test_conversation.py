"""One request at a time per chat; callbacks keep Chainlit's keyword calling convention."""

from __future__ import annotations

import asyncio

from chainlit.context import init_http_context

from ftdesign.agent.ui.conversation import INTENT, exclusive, one_at_a_time


def test_requests_take_turns_and_callbacks_keep_keyword_arguments():
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
            async with exclusive() as second:
                assert not second  # a second click is refused while one is running
            queued = asyncio.create_task(handler(action="second"))  # workshop buttons queue
            await asyncio.sleep(0.05)
            assert not queued.done()
        assert await queued == "second"
        from chainlit.user_session import user_session

        user_session.set(INTENT, "change")
        await handler(action="third")
        return user_session.get(INTENT)

    assert asyncio.run(scenario()) is None  # any request ends a pending ask for words
    assert calls == ["first", "second", "third"]
