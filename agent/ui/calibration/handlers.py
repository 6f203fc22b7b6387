"""The workshop's buttons for criteria: open, propose, move between criteria, finish.

Each loads the saved workshop, changes it and saves it (agent/ui/calibration/examples.py
has the per-example buttons). Every example that becomes kept, the user's own included,
is labelled by the judge right away; a disagreement is shown with the judge's reasoning
and three ways out: relabel, rewrite, keep.
"""

from __future__ import annotations

from typing import Any

import chainlit as cl

from ftdesign.agent.ui import conversation
from ftdesign.agent.ui.calibration import judging, saved
from ftdesign.agent.ui.calibration import workshop as ws
from ftdesign.agent.ui.calibration.cards import check_card, criterion_card, example_card
from ftdesign.agent.ui.scope import AUTHOR, project, thread_id
from ftdesign.tools.errors import FtdesignError


def button(name: str, label: str, icon: str, **payload: Any) -> cl.Action:
    return cl.Action(name=name, label=label, icon=icon, payload=payload)


def current() -> ws.Workshop:
    found = saved.load(project(), thread_id())
    if found is None:
        raise FtdesignError(
            "the calibration workshop is not open.",
            hint="press Calibration examples on the rubric stop",
        )
    return found


async def say(text: str, actions: list[cl.Action] | None = None) -> None:
    await cl.Message(content=text, author=AUTHOR, actions=actions or []).send()


def card_actions(workshop: ws.Workshop) -> list[cl.Action]:
    cid, last = workshop.current, len(workshop.order) - 1
    actions = [
        button("ftd_cal_propose", "Propose examples", "sparkles", criterion=cid),
        button("ftd_cal_write", "Write my own", "pencil", criterion=cid),
    ]
    if workshop.index > 0:
        actions.append(button("ftd_cal_move", "Previous criterion", "arrow-left", by=-1))
    if workshop.index < last:
        actions.append(button("ftd_cal_move", "Next criterion", "arrow-right", by=1))
    actions.append(button("ftd_cal_finish", "Finish: use these examples", "check"))
    return actions


async def show_card(workshop: ws.Workshop) -> None:
    """The criterion's card at once; then the judge labels its unchecked examples one by
    one, the card updates as verdicts come in, and each disagreement gets its own message."""
    card = cl.Message(
        content=criterion_card(workshop), author=AUTHOR, actions=card_actions(workshop)
    )
    await card.send()
    cid = workshop.current
    for item in [i for i in workshop.kept(cid) if i.check is None]:
        await check_item(workshop, cid, item, quiet=True)
        card.content = criterion_card(workshop)
        await card.update()


async def check_item(workshop: ws.Workshop, cid: str, item: ws.Item, quiet: bool = False) -> None:
    """Ask the judge about one kept example; say what it found (only disagreements if quiet)."""
    others = [i.example for i in workshop.kept(cid) if i.id != item.id]
    item.check = await judging.check(cid, workshop.criterion(cid), others, item.example, project())
    saved.save(project(), thread_id(), workshop)
    if quiet and not item.disputed and item.check.verdict != "ERROR":
        return
    actions = []
    if item.check.verdict in ("YES", "NO"):  # the user may flip a label the judge agreed with
        actions = [
            button("ftd_cal_relabel", "Relabel", "repeat", item=item.id),
            button("ftd_cal_edit", "Rewrite", "pencil", item=item.id),
        ]
        if item.disputed:
            actions.append(button("ftd_cal_keep", "Keep as is", "check", item=item.id))
    head = example_card(item, "Example") + "\n\n" if quiet else ""
    await say(head + check_card(item) + f"\n\n{workshop.count_line(cid)}", actions)


async def open_workshop(action: cl.Action) -> None:
    stop, _ = await conversation.peek()
    text = next(iter(stop.drafts.values()), "") if stop and stop.step == "rubric" else ""
    if not text:
        raise FtdesignError("calibration examples are drafted at the rubric stop.")
    earlier = saved.load(project(), thread_id())
    workshop = earlier if earlier and earlier.rubric_text == text else ws.Workshop.start(text)
    saved.save(project(), thread_id(), workshop)
    await show_card(workshop)


async def propose(action: cl.Action) -> None:
    workshop, cid = current(), action.payload["criterion"]
    _, state = await conversation.peek()
    domain = state.domain.description if state else ""
    await say(f"Asking the agent model for examples for `{cid}`…")
    try:
        examples = await judging.propose(cid, workshop.criterion(cid), domain, project())
    except FtdesignError as error:
        await say(
            f"The model could not propose examples ({error.message})."
            " Write your own instead.",
            [button("ftd_cal_write", "Write my own", "pencil", criterion=cid)],
        )
        return
    for example in examples:
        item = workshop.add(cid, example, proposed=True)
        await say(
            example_card(item, "Proposed"),
            [
                button("ftd_cal_accept", "Accept", "check", item=item.id),
                button("ftd_cal_edit", "Edit", "pencil", item=item.id),
                button("ftd_cal_reject", "Reject", "x", item=item.id),
            ],
        )
    saved.save(project(), thread_id(), workshop)


async def move(action: cl.Action) -> None:
    workshop = current()
    workshop.move(int(action.payload.get("by", 1)))
    saved.save(project(), thread_id(), workshop)
    await show_card(workshop)


async def finish(action: cl.Action) -> None:
    text = current().result_text()
    saved.discard(project(), thread_id())
    await say("Sending the rubric with these examples back to the session for validation…")
    await conversation.reply({"action": "paste", "text": text}, expect="rubric")
