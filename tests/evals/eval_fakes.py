"""Scripted stand-ins for the chat and judge calls (control flow only), and test projects.

Their outputs depend only on (role, messages, seed), never on call order, like a
seeded llama.cpp server: that is what lets a resumed run equal an uninterrupted one.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from ftdesign.evals.judge_prompt import Verdict
from ftdesign.evals.rubric_subset import subset_rubric
from ftdesign.models.client import Completion
from ftdesign.tools.errors import FtdesignError

DOMAIN = Path(__file__).resolve().parents[2] / "knowledge" / "domains" / "coaching"
WORDS = "well I think the week went fine mostly but then my manager asked again why".split()


def digest(*parts: object) -> int:
    return int(hashlib.sha256(repr(parts).encode()).hexdigest()[:8], 16)


class Interrupted(RuntimeError):
    """Stands in for a crash or Ctrl-C in the middle of a run."""


class ScriptedChat:
    """Deterministic replies; records every call; can crash on a given simulator call."""

    def __init__(
        self, crash_on_simulator_call: int | None = None, words: int = 40, truncating: bool = True
    ) -> None:
        self.calls: list[tuple[str, list[dict[str, str]], int, int | None]] = []
        self.crash_on = crash_on_simulator_call
        self.words = words
        self.truncating = truncating

    def count(self, role: str) -> int:
        """Requests of `role`, counted by seed (each request has its own)."""
        return len({call[2] for call in self.calls if call[0] == role})

    async def __call__(self, role, messages, seed, max_tokens):  # noqa: ANN001
        if role == "simulator" and self.crash_on is not None:
            if self.count("simulator") + 1 == self.crash_on:
                raise Interrupted("simulated crash")
        self.calls.append((role, copy.deepcopy(messages), seed, max_tokens))
        n = self.words + digest(role, seed) % 20
        text = " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(n))
        if role == "candidate" and seed % 3 == 0:
            text += " What feels most pressing?"
        cut = self.truncating and role == "candidate" and digest(seed) % 3 == 0
        finish = "length" if cut else "stop"
        return Completion(text, finish, 10 * len(messages), n, "scripted")


class ScriptedJudge:
    """Verdicts from a hash of the prompt; some prompts fail (-> ERROR); can crash."""

    def __init__(self, crash_on_call: int | None = None, fail_every: int = 23) -> None:
        self.prompts: list[list[dict[str, str]]] = []
        self.sampled: list[list[dict[str, str]]] = []
        self.crash_on = crash_on_call
        self.fail_every = fail_every

    async def __call__(self, messages, key, sample=0, **_):  # noqa: ANN001, ANN003
        if self.crash_on is not None and len(self.prompts) + 1 == self.crash_on:
            raise Interrupted("simulated crash")
        # Self-consistency samples are counted apart; being seed-blind, they never flip.
        (self.sampled if sample else self.prompts).append(copy.deepcopy(messages))
        value = digest(messages[-1]["content"])
        if value % self.fail_every == 0:
            raise FtdesignError("model role judge: no valid Verdict after 3 attempt(s)")
        verdict = ("YES", "YES", "NO", "NA")[value % 4]
        return Verdict(evidence=f"evidence {value % 1000}", verdict=verdict)


def copy_project(dest: Path) -> Path:
    """A complete project: the coaching domain's artifacts in a fresh folder."""
    shutil.copytree(DOMAIN, dest)
    return dest


def shrink_rubric(project: Path, keep: list[str], examples: int = 3) -> None:
    """Keep a few criteria (and examples each) so real-model tests stay fast; still valid."""
    subset_rubric(project / "config" / "rubric.yaml", keep, examples)


class VerdictModel(BaseChatModel):
    """A chat model answering verdict JSON from a hash of the prompt, for `use_models`:
    the judge then runs through the real make_judge and structured-output loop."""

    prompts: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-verdicts"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # noqa: ANN001
        self.prompts.append(messages[-1].text)
        verdict = ("YES", "YES", "NO")[digest(messages[-1].text) % 3]
        reply = json.dumps({"evidence": "scripted", "verdict": verdict})
        return ChatResult(generations=[ChatGeneration(message=AIMessage(reply))])


class TrustedJudge:
    """Reproduces every calibration label (read from the request key) and answers `answer`."""

    def __init__(self, rubric_path: Path, answer: str = "YES") -> None:
        from ftdesign.tools.loading import load_artifact

        self.rubric = load_artifact(rubric_path, "rubric")
        self.answer = answer
        self.keys: list[str] = []

    async def __call__(self, messages, key, **_):  # noqa: ANN001, ANN003
        self.keys.append(key)
        if key.startswith("calibration/"):
            _, cid, index = key.split("/")[:3]
            expected = self.rubric.criteria[cid].calibration_examples[int(index)].expected_answer
            return Verdict(evidence="as labelled", verdict=expected)
        return Verdict(evidence="quoted", verdict=self.answer)
