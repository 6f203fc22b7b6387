"""The workshop's buttons for single examples: accept, reject, edit or write, relabel, keep.

Saving an example (edited, rewritten or the user's own) sends it to the judge at once.
"""

from __future__ import annotations

from typing import Any

import chainlit as cl

from ftdesign.agent.ui.calibration import saved
from ftdesign.agent.ui.calibration.handlers import check_item, current, say
from ftdesign.agent.ui.scope import AUTHOR, project, thread_id
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.rubric import CalibrationExample


async def accept(action: cl.Action) -> None:
    workshop = current()
    cid, item = workshop.find(action.payload["item"])
    item.proposed = False
    await check_item(workshop, cid, item)


async def reject(action: cl.Action) -> None:
    workshop = current()
    cid, _ = workshop.find(action.payload["item"])
    workshop.remove(action.payload["item"])
    saved.save(project(), thread_id(), workshop)
    await say(f"Removed. {workshop.count_line(cid)}")


async def open_editor(action: cl.Action) -> None:
    item_id = action.payload.get("item")
    cid = action.payload.get("criterion")
    props: dict[str, Any] = {"criterion": cid, "item": item_id}
    if item_id:
        cid, item = current().find(item_id)
        props.update(criterion=cid, example=item.example.model_dump())
    element = cl.CustomElement(name="ExampleEditor", props=props, display="inline")
    await cl.Message(content=f"An example for `{cid}`:", author=AUTHOR, elements=[element]).send()


async def save_example(action: cl.Action) -> None:
    workshop, payload = current(), action.payload
    try:
        example = CalibrationExample.model_validate(payload.get("example") or {})
    except ValueError as error:
        raise FtdesignError(
            f"the example is incomplete ({str(error).splitlines()[0]}).",
            hint="fill in the user's words, the reply and the reason",
        ) from error
    if payload.get("item"):
        cid, item = workshop.find(payload["item"])
        item.example, item.proposed, item.check = example, False, None
    else:
        cid = payload["criterion"]
        item = workshop.add(cid, example)
    await check_item(workshop, cid, item)


async def relabel(action: cl.Action) -> None:
    workshop = current()
    item = workshop.relabel(action.payload["item"])
    saved.save(project(), thread_id(), workshop)
    cid, _ = workshop.find(item.id)
    agrees = item.check is not None and item.check.verdict == item.example.expected_answer
    verdict = item.check.verdict if item.check else "nothing yet"
    matches = "it now matches the judge" if agrees else f"the judge said {verdict}"
    await say(f"Relabelled as {item.example.type}; {matches}. {workshop.count_line(cid)}")


async def keep(action: cl.Action) -> None:
    workshop = current()
    _, item = workshop.find(action.payload["item"])
    if item.check is not None:
        item.check.kept_anyway = True
    saved.save(project(), thread_id(), workshop)
    await say("Kept with your label. The disagreement is worth a note in the criterion.")
