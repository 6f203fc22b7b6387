"""A resumed chat: the stop it was waiting at gets its buttons back, nothing is repeated.

Chainlit restores a saved chat's messages and elements (drafts included, see
agent/ui/store.py) but not its buttons. If the newest stop in the history is the one
the session waits at, its buttons are re-attached to it; otherwise the stop is shown anew.
"""

from __future__ import annotations

from typing import Any

import chainlit as cl

from ftdesign.agent.stop import Stop
from ftdesign.agent.ui.stop_message import (
    RETIRE,
    REVIEW_MARK,
    SHOWN,
    STOP_MARK,
    review_actions,
    show_stop,
    stop_actions,
)
from ftdesign.agent.ui.stop_view import EXCERPTS, fingerprint


def restored_ids(steps: list[dict[str, Any]], step: str) -> tuple[str | None, str | None]:
    """Ids of the newest stop message and its review panel, when that stop is this step's."""
    review_id = None
    for saved in reversed(steps):
        metadata = saved.get("metadata")
        if not isinstance(metadata, dict):
            continue
        if metadata.get(REVIEW_MARK) == step and review_id is None:
            review_id = saved["id"]
        elif STOP_MARK in metadata:
            return (saved["id"], review_id) if metadata[STOP_MARK] == step else (None, None)
    return None, None


def restored_panel(thread: dict[str, Any], stop_id: str) -> cl.Text | None:
    """The stop's guide panel as restored, so the next stop can take it away."""
    for element in thread.get("elements") or []:
        if element.get("name") == EXCERPTS and element.get("forId") == stop_id:
            # Only its id matters (to remove it later); Chainlit insists on some content.
            return cl.Text(
                id=element["id"],
                name=EXCERPTS,
                content=" ",
                display="side",
                for_id=stop_id,
                thread_id=str(thread.get("id", "")),
            )
    return None


async def show_restored(stop: Stop, thread: dict[str, Any]) -> None:
    stop_id, review_id = restored_ids(list(thread.get("steps") or []), stop.step)
    if stop_id is None:
        await show_stop(stop)
        return
    placed = [(action, stop_id) for action in stop_actions(stop)]
    # A short stop (nothing new after an answer) carries the review's buttons itself.
    placed += [(action, review_id or stop_id) for action in review_actions(stop)]
    for action, for_id in placed:
        await action.send(for_id=for_id)  # type: ignore[arg-type]
    retire: list[cl.Action | cl.Text] = [action for action, _ in placed]
    panel = restored_panel(thread, stop_id)
    cl.user_session.set(RETIRE, retire + ([panel] if panel else []))
    cl.user_session.set(SHOWN, fingerprint(stop))
