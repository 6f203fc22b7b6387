"""The one seam for plugging a chat model in as a role: tests, scripted runs, custom clients.

`use_models({"agent": model})` makes every call of the models layer for that role
(`complete`, `stream`, `structured` and their async forms) go to `model` instead of
the configured endpoint, for the code run inside the `with` block (a context
variable, so concurrent asyncio tasks and threads started inside see it, others do not).
An injected model gets the same retry-and-repair loop as a configured one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from ftdesign.models.settings import ROLES
from ftdesign.tools.errors import FtdesignError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

Plugged = Mapping[str, "BaseChatModel"]
_plugged: ContextVar[Plugged | None] = ContextVar("ftdesign_models", default=None)


@contextmanager
def use_models(models: Mapping[str, BaseChatModel]) -> Iterator[None]:
    """Serve the given roles with the given chat models inside the block."""
    unknown = sorted(set(models) - set(ROLES))
    if unknown:
        raise FtdesignError(
            f"use_models: unknown role(s) {', '.join(unknown)}.", hint=f"roles: {', '.join(ROLES)}"
        )
    token = _plugged.set({**(_plugged.get() or {}), **models})
    try:
        yield
    finally:
        _plugged.reset(token)


def plugged(role: str) -> BaseChatModel | None:
    """The model plugged in for `role` by an enclosing `use_models`, if any."""
    return (_plugged.get() or {}).get(role)


def plugged_name(model: BaseChatModel) -> str:
    return str(getattr(model, "model_name", None) or type(model).__name__)


@contextmanager
def plugged_errors(role: str) -> Iterator[None]:
    """A plugged-in client may raise anything; callers get a FtdesignError naming the role."""
    try:
        yield
    except FtdesignError:
        raise
    except Exception as error:
        raise FtdesignError(f"model role {role}: {type(error).__name__}: {error}") from error
