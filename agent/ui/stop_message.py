"""A gate stop in the chat: the message, the draft as elements, the buttons, the review panel.

Buttons carry the step they belong to, so a click on an old stop further up the chat
is recognised as out of date instead of approving the wrong gate.
"""

from __future__ import annotations

import chainlit as cl

from ftdesign.agent.stop import Stop
from ftdesign.agent.ui.artifact_summary import linked_sources
from ftdesign.agent.ui.artifact_view import chart_elements, draft_elements
from ftdesign.agent.ui.model_text import without_images
from ftdesign.agent.ui.review_view import review_markdown
from ftdesign.agent.ui.scope import AUTHOR
from ftdesign.agent.ui.stop_view import EXCERPTS, excerpts_markdown, fingerprint, stop_markdown

STOP_MARK = "ftdesign_stop"  # message metadata: which step this stop message shows
REVIEW_MARK = "ftdesign_review"  # and which step this review panel belongs to
RETIRE = "ftd_retire"  # session key: what the next stop takes away from this one
SHOWN = "ftd_shown"  # session key: the fingerprint of the stop shown last
BUTTONS = [  # (action in the stop's list, callback name, label, icon)
    ("approve", "ftd_approve", "Approve", "check"),
    ("change", "ftd_change", "Request changes", "message-square"),
    ("paste", "ftd_edit", "Edit", "pencil"),
    ("source", "ftd_source", "Source", "file-code"),
    ("back", "ftd_back", "Back…", "undo-2"),
    ("skip", "ftd_skip", "Skip…", "skip-forward"),
]


def stop_elements(stop: Stop) -> list[cl.Text | cl.Image]:
    """The drafts inline under the message; the cited guide text in a side panel."""
    elements: list[cl.Text | cl.Image] = [*draft_elements(stop.drafts)]
    elements += chart_elements(stop.charts)
    cited = stop.sources + stop.answer_sources
    if cited:
        elements.append(cl.Text(name=EXCERPTS, content=excerpts_markdown(cited), display="side"))
    return elements


def stop_actions(stop: Stop) -> list[cl.Action]:
    payload = {"step": stop.step}
    actions = [
        cl.Action(name=name, label=label, icon=icon, payload=payload)
        for action, name, label, icon in BUTTONS
        if (action in stop.actions or (action == "source" and linked_sources(stop.drafts)))
        and (action != "approve" or stop.can_approve)
    ]
    if stop.step == "rubric" and stop.drafts:
        actions.append(
            cl.Action(
                name="ftd_cal_open",
                label="Calibration examples",
                icon="flask-conical",
                payload=payload,
            )
        )
    actions.append(
        cl.Action(name="ftd_download", label="Download project", icon="download", payload=payload)
    )
    return actions


def review_actions(stop: Stop) -> list[cl.Action]:
    suggestions = stop.review.suggestions if stop.review else []
    actions = [
        cl.Action(
            name="ftd_apply",
            label=f"Apply suggestion {n}",
            icon="wand-sparkles",
            payload={"step": stop.step, "suggestions": [n]},
            tooltip=text[:200],
        )
        for n, text in enumerate(suggestions, start=1)
    ]
    if len(suggestions) > 1:
        actions.append(
            cl.Action(
                name="ftd_apply",
                label="Apply all",
                icon="wand-sparkles",
                payload={"step": stop.step, "suggestions": []},
            )
        )
    return actions


async def retire_previous() -> None:
    """Take the buttons and the guide panel off the previous stop: only the newest stop
    offers actions, and Chainlit's side panel shows every side element it knows."""
    for item in cl.user_session.get(RETIRE) or []:
        if isinstance(item, cl.Action | cl.Text):  # a resumed chat restores them as plain JSON
            await item.remove()
    cl.user_session.set(RETIRE, [])


async def show_stop(stop: Stop, answer_streamed: bool = False) -> None:
    """Send the stop as a message with its draft and buttons, then the review panel. A stop
    that shows nothing new (after an answer) is sent short, with all its buttons on it."""
    await retire_previous()
    unchanged = cl.user_session.get(SHOWN) == fingerprint(stop)
    elements = stop_elements(stop)
    message = cl.Message(
        content=without_images(stop_markdown(stop, answer_streamed, unchanged)),
        author=AUTHOR,
        elements=[e for e in elements if e.display == "side"] if unchanged else elements,  # type: ignore[misc]
        actions=stop_actions(stop) + (review_actions(stop) if unchanged else []),
        metadata={STOP_MARK: stop.step},
    )
    await message.send()
    retire: list[cl.Action | cl.Text] = [*message.actions]
    retire += [e for e in message.elements if e.display == "side"]  # type: ignore[misc]
    if stop.review is not None and not unchanged:
        panel = cl.Message(
            content=without_images(review_markdown(stop.review, stop.title)),
            author=AUTHOR,
            actions=review_actions(stop),
            metadata={REVIEW_MARK: stop.step},
        )
        await panel.send()
        retire += panel.actions
    cl.user_session.set(RETIRE, retire)
    cl.user_session.set(SHOWN, fingerprint(stop))
