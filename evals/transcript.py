"""What one simulated conversation leaves behind: every message with its accounting.

The solver writes these, the scorer reads them, the checkpoint stores them as
JSON; the report quotes them. Token counts and finish reasons come from the
server that produced each message, so truncation is a fact, not a guess.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Message(BaseModel):
    """One message; simulator bookkeeping (flaws, stage, trim note) on user messages."""

    role: Literal["user", "assistant"]
    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None
    truncated: bool = Field(default=False, description="Cut off by the token limit ('length').")
    past_limit: bool = Field(
        default=False, description="Ran past the token limit (it may run to twice the limit)."
    )
    stage: str | None = None
    flaws: list[str] = Field(default_factory=list)
    note: str | None = Field(default=None, description="What the harness changed (a word trim).")


class Transcript(BaseModel):
    """A whole conversation between the simulated user and the candidate."""

    scenario_id: str
    messages: list[Message] = Field(default_factory=list)

    @property
    def exchanges(self) -> int:
        """Completed user+assistant pairs; the rubric's `min_turns` counts these."""
        return sum(1 for m in self.messages if m.role == "assistant")

    @property
    def truncated_replies(self) -> list[int]:
        """1-based exchange numbers whose assistant reply hit the token limit."""
        replies = [m for m in self.messages if m.role == "assistant"]
        return [i for i, m in enumerate(replies, start=1) if m.truncated]

    def pairs(self) -> list[tuple[Message, Message]]:
        """(user, assistant) per exchange, in order."""
        users = [m for m in self.messages if m.role == "user"]
        replies = [m for m in self.messages if m.role == "assistant"]
        return list(zip(users, replies, strict=False))

    def as_chat(self) -> list[dict[str, str]]:
        return [{"role": m.role, "content": m.content} for m in self.messages]

    def render(self) -> str:
        """Plain-text transcript with numbered exchanges, as the judge reads it."""
        lines = []
        for number, (user, reply) in enumerate(self.pairs(), start=1):
            lines.append(f"[Exchange {number}]\nUSER: {user.content}\nASSISTANT: {reply.content}")
        return "\n\n".join(lines)
