"""The Chainlit entry point: wiring only. Run it with `ftdesign ui`.

The chat's thread id is the design session's thread id (chat history in
`.ftdesign/ui/history.sqlite`, checkpoints in `.ftdesign/checkpoints.sqlite`); every
request opens the session, streams the turn and closes it. Nothing is built here at
import time: the data layer, the session and the models are made when first needed, and the
callbacks' own code is imported once the app listens (agent/ui/deferred.py), so the first
page waits only for Chainlit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import chainlit as cl
from chainlit.server import app as server
from chainlit.types import ThreadDict

from ftdesign.agent.ui import auth, deferred, edge, headers
from ftdesign.agent.ui.problems import guarded
from ftdesign.agent.ui.scope import root

if TYPE_CHECKING:
    from ftdesign.agent.ui.store import HistoryStore

edge.install()  # ids, Host, Origin and token checks before Chainlit sees a request

headers.install(server)  # CSP: no remote images in model text (agent/ui/headers.py)


@cl.data_layer
def history() -> HistoryStore:
    # The warm-up imports it (SQLAlchemy) first; a request quicker than that waits once here.
    from ftdesign.agent.ui import store

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
    await (await deferred.module("chat")).welcome()


@cl.on_chat_resume
@guarded
async def resume(thread: ThreadDict) -> None:
    await (await deferred.module("chat")).resume(dict(thread))


@cl.on_message
@guarded
async def message(incoming: cl.Message) -> None:
    await (await deferred.module("chat")).on_message(incoming)


# Each button's module and function; imported when the app listens, or when first pressed.
GATE_BUTTONS = {
    "ftd_approve": ("buttons", "approve"),
    "ftd_apply": ("buttons", "apply"),
    "ftd_change": ("buttons", "ask_change"),
    "ftd_skip": ("buttons", "ask_skip"),
    "ftd_back": ("buttons", "back_menu"),
    "ftd_back_to": ("buttons", "back_to"),
    "ftd_edit": ("buttons", "edit"),
    "ftd_source": ("buttons", "source"),
    "ftd_edited": ("buttons", "edited"),
    "ftd_download": ("buttons", "download"),
    "ftd_cal_finish": ("calibration.handlers", "finish"),  # the session takes the lock itself
    "ftd_cal_edit": ("calibration.examples", "open_editor"),  # only reads the workshop
    "ftd_cal_write": ("calibration.examples", "open_editor"),
}
# Workshop buttons change the saved workshop: they queue, one at a time per chat.
WORKSHOP_BUTTONS = {
    "ftd_cal_open": ("calibration.handlers", "open_workshop"),
    "ftd_cal_propose": ("calibration.handlers", "propose"),
    "ftd_cal_move": ("calibration.handlers", "move"),
    "ftd_cal_accept": ("calibration.examples", "accept"),
    "ftd_cal_reject": ("calibration.examples", "reject"),
    "ftd_cal_save": ("calibration.examples", "save_example"),
    "ftd_cal_relabel": ("calibration.examples", "relabel"),
    "ftd_cal_keep": ("calibration.examples", "keep"),
}
for name, (module, function) in GATE_BUTTONS.items():
    cl.action_callback(name)(guarded(deferred.action(module, function)))
for name, (module, function) in WORKSHOP_BUTTONS.items():
    cl.action_callback(name)(guarded(deferred.action(module, function, one_at_a_time=True)))
