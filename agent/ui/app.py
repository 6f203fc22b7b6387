"""The Chainlit entry point: wiring only. Run it with `ftdesign ui`.

The chat's thread id is the design session's thread id (chat history in
`.ftdesign/ui/history.sqlite`, checkpoints in `.ftdesign/checkpoints.sqlite`); every
request opens the session, streams the turn and closes it. Nothing is built here at
import time: the data layer, the session and the models are made when first needed.
"""

from __future__ import annotations

from typing import Any

import chainlit as cl
from chainlit.server import app as server
from chainlit.types import ThreadDict

from ftdesign.agent.ui import auth, buttons, chat, conversation, edge, headers, store
from ftdesign.agent.ui.calibration import examples, handlers
from ftdesign.agent.ui.problems import guarded
from ftdesign.agent.ui.scope import root

edge.install()  # ids, Host, Origin and token checks before Chainlit sees a request

headers.install(server)  # CSP: no remote images in model text (agent/ui/headers.py)


@cl.data_layer
def history() -> store.HistoryStore:
    return store.open_store(root())  # one history for everyone; Chainlit keeps each user's own


if auth.password_required():

    @cl.password_auth_callback
    async def password_login(username: str, password: str) -> cl.User | None:
        identity = auth.password_identity(username, password)
        return cl.User(**identity) if identity else None

else:

    @cl.header_auth_callback
    async def local_login(headers: Any) -> cl.User | None:
        identity = auth.local_identity(headers)  # only with this launch's key
        return cl.User(**identity) if identity else None


@cl.on_chat_start
@guarded
async def start() -> None:
    await chat.welcome()


@cl.on_chat_resume
@guarded
async def resume(thread: ThreadDict) -> None:
    await chat.resume(dict(thread))


@cl.on_message
@guarded
async def message(incoming: cl.Message) -> None:
    await chat.on_message(incoming)


GATE_BUTTONS = {
    "ftd_approve": buttons.approve,
    "ftd_apply": buttons.apply,
    "ftd_change": buttons.ask_change,
    "ftd_skip": buttons.ask_skip,
    "ftd_back": buttons.back_menu,
    "ftd_back_to": buttons.back_to,
    "ftd_edit": buttons.edit,
    "ftd_source": buttons.source,
    "ftd_edited": buttons.edited,
    "ftd_download": buttons.download,
    "ftd_cal_finish": handlers.finish,  # replies to the session, which takes the lock itself
    "ftd_cal_edit": examples.open_editor,  # only reads the workshop
    "ftd_cal_write": examples.open_editor,
}
# Workshop buttons change the saved workshop: they queue, one at a time per chat.
WORKSHOP_BUTTONS = {
    "ftd_cal_open": handlers.open_workshop,
    "ftd_cal_propose": handlers.propose,
    "ftd_cal_move": handlers.move,
    "ftd_cal_accept": examples.accept,
    "ftd_cal_reject": examples.reject,
    "ftd_cal_save": examples.save_example,
    "ftd_cal_relabel": examples.relabel,
    "ftd_cal_keep": examples.keep,
}
for name, handler in GATE_BUTTONS.items():
    cl.action_callback(name)(guarded(handler))
for name, handler in WORKSHOP_BUTTONS.items():
    cl.action_callback(name)(guarded(conversation.one_at_a_time(handler)))
