"""What the stop's buttons do. Each sends the session the same reply the CLI would.

Approve and apply go straight to the session. Request changes and skip need words, so
they ask for them and the next chat message carries them. Back offers the earlier
steps as buttons; edit opens each draft in an editor (agent/ui/elements/DraftEditor.jsx)
whose "Validate and use" sends the text back like a paste.
"""

from __future__ import annotations

import chainlit as cl

from ftdesign.agent.ui import conversation, writers
from ftdesign.agent.ui.adoption import paste_text
from ftdesign.agent.ui.artifact_view import source_elements
from ftdesign.agent.ui.download import build_zip, open_drafts
from ftdesign.agent.ui.scope import AUTHOR, project, thread_id
from ftdesign.agent.ui.stop_view import GATE_NAMES

ASKS = {
    "change": "What should change? Type it in the chat box and send it.",
    "skip": "Why skip this gate? Your reason goes into the decision log; type it and send it.",
}
STEP_NAMES = {"intake": "Intake", **GATE_NAMES}


OVERWRITE = "ftd_overwrite_ok"


async def approve(action: cl.Action) -> None:
    stop, _ = await conversation.peek()
    paths = writers.paths_of(stop.drafts) if stop is not None else []
    clashes = writers.conflicts(project(), thread_id(), paths)
    if clashes and cl.user_session.get(OVERWRITE) != clashes:
        cl.user_session.set(OVERWRITE, clashes)  # the second click is the deliberate one
        listed = ", ".join(f"`{p}`" for p in clashes)
        await cl.Message(
            content=f"{listed} changed since this chat last wrote it (another chat approved"
            " it, or it was edited on disk). Approving would overwrite that version. Press"
            " **Approve** again to overwrite it, or download the project first to keep it.",
            author=AUTHOR,
        ).send()
        return
    cl.user_session.set(OVERWRITE, None)
    before = writers.snapshot(project(), paths)
    await conversation.reply({"action": "approve"}, expect=action.payload.get("step"))
    writers.record(project(), thread_id(), before)


async def apply(action: cl.Action) -> None:
    numbers = [int(n) for n in action.payload.get("suggestions", [])]
    await conversation.reply(
        {"action": "apply", "suggestions": numbers}, expect=action.payload.get("step")
    )


async def _ask_words(kind: str) -> None:
    cl.user_session.set(conversation.INTENT, kind)
    await cl.Message(content=ASKS[kind], author=AUTHOR).send()


async def ask_change(action: cl.Action) -> None:
    await _ask_words("change")


async def ask_skip(action: cl.Action) -> None:
    await _ask_words("skip")


async def back_menu(action: cl.Action) -> None:
    stop, _ = await conversation.peek()
    if stop is None or not stop.back_to:
        await cl.Message(content="There is no earlier step to go back to.", author=AUTHOR).send()
        return
    choices = [
        cl.Action(
            name="ftd_back_to",
            label=STEP_NAMES.get(step, step),
            icon="undo-2",
            payload={"step": stop.step, "target": step},
        )
        for step in stop.back_to
    ]
    await cl.Message(
        content="Back to which step? Later gates become stale and are revisited.",
        author=AUTHOR,
        actions=choices,
    ).send()


async def back_to(action: cl.Action) -> None:
    target = action.payload.get("target")
    await conversation.reply(
        {"action": "back", "target": target}, expect=action.payload.get("step")
    )


async def edit(action: cl.Action) -> None:
    stop, _ = await conversation.peek()
    if stop is None or not stop.drafts:
        await cl.Message(content="There is no draft to edit at this point.", author=AUTHOR).send()
        return
    editors = [
        cl.CustomElement(
            name="DraftEditor",
            display="inline",
            props={"step": stop.step, "path": path, "text": text},
        )
        for path, text in stop.drafts.items()
    ]
    await cl.Message(
        content=f"Edit the {stop.title} draft below, then **Validate and use**.",
        author=AUTHOR,
        elements=editors,
    ).send()  # type: ignore[arg-type]


async def source(action: cl.Action) -> None:
    """The drafts' full source under the stop, for a draft shown as a summary."""
    stop, _ = await conversation.peek()
    if stop is None or not stop.drafts:
        await cl.Message(content="There is no draft at this point.", author=AUTHOR).send()
        return
    await cl.Message(
        content=f"Full source of the {stop.title} draft:",
        author=AUTHOR,
        elements=source_elements(stop.drafts),  # type: ignore[arg-type]
    ).send()


async def edited(action: cl.Action) -> None:
    step, path, text = (action.payload.get(k, "") for k in ("step", "path", "text"))
    stop, _ = await conversation.peek()
    if stop is None or stop.step != step or not str(text).strip():
        await conversation.out_of_date(str(step), stop)
        return
    await conversation.reply(
        {"action": "paste", "text": paste_text(stop, str(path), str(text))}, expect=str(step)
    )


async def download(action: cl.Action) -> None:
    _, state = await conversation.peek()
    folder = project() / ".ftdesign" / "ui" / "downloads"
    path = build_zip(project(), open_drafts(state), folder)
    note = "Approved files are in place; drafts not yet approved are under `drafts/`."
    await cl.Message(
        content=f"Your project so far. {note}",
        author=AUTHOR,
        elements=[cl.File(name=path.name, path=str(path), display="inline")],
    ).send()
