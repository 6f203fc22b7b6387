"""What the user sees when something fails: a clear message and what to try, never a traceback.

`guarded` wraps every Chainlit callback. A FtdesignError is the user's to fix and is
shown as is (it names the file or setting and the fix). Anything else is a bug: the
traceback goes to `<project>/.ftdesign/errors.log` and the page says where it is.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import chainlit as cl

from ftdesign.agent.ui.scope import AUTHOR, project
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.redact import redact

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])
ERROR_LOG = "errors.log"
logger = logging.getLogger("ftdesign.ui")


def problem_text(message: str, tries: str | None = None) -> str:
    text = f"**Something did not work.** {message.strip()}"
    return f"{text}\n\n**What to try:** {tries}" if tries else text


async def show_problem(message: str, tries: str | None = None) -> None:
    await cl.Message(content=problem_text(message, tries), author=AUTHOR).send()


def log_crash(error: BaseException) -> str:
    """Write the traceback to the project's error log; return where it went."""
    path = project() / ".ftdesign" / ERROR_LOG
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(redact("".join(traceback.format_exception(error))) + "\n")
        return str(path)
    except OSError:
        logger.exception("ftdesign ui: could not write %s", path)
        return "the server's console"


def guarded(func: F) -> F:
    """Run a callback; turn any failure into a readable message in the chat."""

    @functools.wraps(func)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return await func(*args, **kwargs)
        except FtdesignError as error:
            await show_problem(error.message, error.hint or "correct it and try again.")
        except Exception as error:  # a bug: keep the details in the log, not on the page
            where = log_crash(error)
            await show_problem(
                f"The app hit an internal error ({type(error).__name__}). Details are in {where}.",
                "reload the page: your session is saved after every step. If it happens again,"
                " ask a question or go back a gate to continue from another point.",
            )
        return None

    return wrapper  # type: ignore[return-value]
