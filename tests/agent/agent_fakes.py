"""A scripted chat model for the graph's control-flow tests (never for quality claims).

It recognises which agent task a call is (review, answer, classify, draft) from the
system prompt, answers from a per-task queue (the last reply repeats), and records
every call so tests can assert what the agent asked and how often.
"""

from __future__ import annotations

import json
import time
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from ftdesign.agent import prompts
from ftdesign.agent.gates.intake_model_reading import READER
from ftdesign.agent.lesson_reading import LESSON_READER

# Sane review text (the agent screens out notes that mention nothing in the draft or the
# checklist): these words occur in every gate's checklist or draft.
ABOUT = "the weights, tokens, criteria and prompts"
SUGGESTION = "Name one more edge case for the weights"
REVIEW = json.dumps(
    {
        "checks": [{"ok": True, "note": f"scripted check of {ABOUT}"}],
        "experts": [
            {
                "name": f"Expert {n}",
                "role": "scripted reviewer",
                "risks": [f"risk {n} in {ABOUT}"],
                "inadequate_pass": f"a reply that is polite but wrong about {ABOUT}",
                "missed_users": f"users whom {ABOUT} never mention",
            }
            for n in range(1, 4)
        ],
        "suggestions": [SUGGESTION],
    }
)
DEFAULTS = {
    "review": REVIEW,
    "answer": "Edge cases get about 15 % [1].",
    "classify": '{"kind": "change"}',
    "draft": "not a usable draft",
    "lessons": '{"answers": []}',
    "intake": "{}",  # the intake's reading of the description: nothing beyond the rules
}


def task_of(messages: list[BaseMessage]) -> str:
    system = messages[0].text if messages else ""
    if system.startswith(prompts.REVIEWER[:40]):
        return "review"
    if system.startswith(prompts.ANSWERER[:40]):
        return "answer"
    if system.startswith(prompts.CLASSIFIER[:40]):
        return "classify"
    if system.startswith(LESSON_READER[:40]):
        return "lessons"
    if system.startswith(READER[:40]):
        return "intake"
    return "draft"


class ScriptedChatModel(BaseChatModel):
    script: dict[str, list[str]] = Field(default_factory=dict)
    failing: set[str] = Field(default_factory=set)
    calls: list[tuple[str, str]] = Field(default_factory=list)
    delays: dict[str, float] = Field(default_factory=dict, description="seconds per task")

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def reply_for(self, task: str) -> str:
        queue = self.script.get(task)
        if not queue:
            return DEFAULTS[task]
        return queue.pop(0) if len(queue) > 1 else queue[0]

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        task = task_of(messages)
        self.calls.append((task, messages[-1].text))
        time.sleep(self.delays.get(task, 0.0))
        if task in self.failing:
            raise TimeoutError(f"scripted {task} timeout")
        return ChatResult(generations=[ChatGeneration(message=AIMessage(self.reply_for(task)))])

    def count(self, task: str) -> int:
        return sum(1 for t, _ in self.calls if t == task)
