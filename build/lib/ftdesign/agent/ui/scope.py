"""Where the running app works: the project folder and the current chat's thread id.

The Chainlit thread id is also the LangGraph thread id, so the chat history and the
design session's checkpoints name the same conversation.
"""

from __future__ import annotations

import os
from pathlib import Path

import chainlit as cl

AUTHOR = "ftdesign"


def project() -> Path:
    """The project folder `ftdesign ui --project` was given (the cwd when run directly)."""
    return Path(os.environ.get("FTDESIGN_PROJECT", ".")).resolve()


def thread_id() -> str:
    return cl.context.session.thread_id
