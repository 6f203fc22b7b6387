"""Run-scoped settings of the agent, handed to every node through LangGraph's Runtime.

Nothing here is checkpointed: a resumed session gets a fresh context, so a user can
point the agent at a stronger model between two stops. Each field falls back to an
environment variable so the CLI and the UI need no extra plumbing.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


BROWSER_ENV = "FTDESIGN_BROWSER"  # set by `ftdesign ui` for the app it serves


def _env_flag(name: str) -> bool | None:
    value = os.environ.get(name, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return None


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


def _env_project() -> Path:
    return Path(os.environ.get("FTDESIGN_PROJECT", ".")).resolve()


@dataclass(kw_only=True)
class AgentContext:
    """Where the project lives and which chat models serve the agent's roles."""

    project: Path = field(default_factory=_env_project)
    # Chat models injected by role (tests, custom clients); other roles come from
    # models settings (ftdesign.toml, FTDESIGN_<ROLE>_* variables, embedded default).
    models: Mapping[str, BaseChatModel] = field(default_factory=dict)
    # True: the model adapts each template; False: the template is the draft and the model
    # only reviews and answers. None decides per model: False for the embedded demo model.
    draft_with_model: bool | None = field(
        default_factory=lambda: _env_flag("FTDESIGN_DRAFT_WITH_MODEL")
    )
    # True: the model answers the checklist and plays the expert panel; None decides per
    # model: False for the embedded demo model, whose reviews were noise (tests force it).
    review_with_model: bool | None = field(
        default_factory=lambda: _env_flag("FTDESIGN_REVIEW_WITH_MODEL")
    )
    draft_max_tokens: int = 4096
    reply_max_tokens: int = 700
    review_max_tokens: int = 1300  # above the bounded review schema's longest reply (a test)
    knowledge_hits: int = 4
    # The baseline gate's first run; the user can re-run with other numbers at its stop.
    eval_scenarios: int = field(default_factory=lambda: _env_int("FTDESIGN_EVAL_SCENARIOS", 20))
    # None: the evaluation takes the exchanges gate 2's token budget plans per example.
    eval_turns: int | None = field(
        default_factory=lambda: _env_int("FTDESIGN_EVAL_TURNS", 0) or None
    )
    # evals.task.arun_eval unless replaced (tests drive the flow without running models).
    eval_runner: Callable[..., Awaitable[Any]] | None = None
    # The browser app: whoever types is not the server's owner, so model files come only
    # from the models folder and no server path is shown (agent/gates/candidates.py).
    confined_models: bool = field(default_factory=lambda: _env_flag(BROWSER_ENV) is True)

    @property
    def state_dir(self) -> Path:
        return self.project / ".ftdesign"
