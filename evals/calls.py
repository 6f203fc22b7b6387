"""The model calls of a run: the solver's chat and the scorer's judge, over models.

Both take per-role overrides (the CLI's --model / --judge) and an optional meter
that records every request's tokens and wall time (the benchmark reads it). How
many requests are in flight is decided by the task's semaphores, not here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftdesign.evals.judge_prompt import Verdict
from ftdesign.evals.scorer import JUDGE_MAX_TOKENS, JudgeCall
from ftdesign.evals.solver import Chat
from ftdesign.models import JUDGE_SEED, Completion, acomplete, astructured
from ftdesign.tools.errors import FtdesignError

RETRY_TEMPERATURE = 0.3  # a greedy retry of a failed request would fail the same way
SAMPLE_TEMPERATURE = 0.7  # self-consistency samples: would the verdict survive a rerun?


@dataclass
class Meter:
    """Requests as (role, prompt tokens, completion tokens, seconds), and the messages
    each request was built from as (role, messages), in the order sent."""

    requests: list[tuple[str, int, int, float]] = field(default_factory=list)
    prompts: list[tuple[str, list[dict[str, str]]]] = field(default_factory=list)

    def total(self, role: str | None = None) -> tuple[int, int, float]:
        rows = [r for r in self.requests if role is None or r[0] == role]
        return sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows)


def role_overrides(model: str | Path | None, judge: str | None) -> dict[str, dict[str, Any]]:
    """CLI values as role settings: a .gguf path or a URL (for the judge).

    The judge always decodes greedily with a fixed seed, whatever the project's
    settings say, so the same conversation gets the same verdicts on every run.
    """
    overrides: dict[str, dict[str, Any]] = {
        "simulator": {},
        "candidate": {},
        "judge": {"temperature": 0.0, "seed": JUDGE_SEED},
    }
    if model is not None:
        overrides["candidate"]["gguf"] = _gguf(model, "--model")
    if judge is not None:
        if judge.startswith(("http://", "https://")):
            overrides["judge"]["base_url"] = judge
        else:
            overrides["judge"]["gguf"] = _gguf(judge, "--judge")
    return overrides


def _gguf(value: str | Path, flag: str) -> Path:
    """Refuse a missing file now, not after the calibration phase has run."""
    path = Path(value)
    if not path.is_file():
        raise FtdesignError(
            f"{flag} {path}: no such file.",
            hint="give the path of a .gguf file (or, for --judge, an http(s):// endpoint URL)",
        )
    return path


def make_chat(project: Path, overrides: dict[str, dict[str, Any]], meter: Meter | None) -> Chat:
    async def chat(
        role: str, messages: list[dict[str, str]], seed: int, max_tokens: int | None
    ) -> Completion:
        extra: dict[str, Any] = {"seed": seed}
        if max_tokens is not None:
            extra["max_tokens"] = max_tokens
        started = time.perf_counter()
        if meter is not None:
            meter.prompts.append((role, messages))
        reply = await acomplete(role, messages, project, **overrides.get(role, {}), **extra)
        if meter is not None:
            meter.requests.append(
                (role, reply.prompt_tokens, reply.completion_tokens, time.perf_counter() - started)
            )
        return reply

    return chat


def make_judge(
    project: Path, overrides: dict[str, dict[str, Any]], meter: Meter | None
) -> JudgeCall:
    async def judge(
        messages: list[dict[str, str]],
        key: str,
        attempt: int = 0,
        max_tokens: int = JUDGE_MAX_TOKENS,
        sample: int = 0,
    ) -> Verdict:
        settings = dict(overrides.get("judge", {}))
        if attempt or sample:
            settings["seed"] = settings.get("seed", JUDGE_SEED) + 1000 * sample + attempt
            warmest = SAMPLE_TEMPERATURE if sample else RETRY_TEMPERATURE
            settings["temperature"] = max(settings.get("temperature") or 0.0, warmest)
        started = time.perf_counter()
        if meter is not None:
            meter.prompts.append(("judge", messages))
        try:
            return await astructured(
                "judge",
                Verdict,
                messages,
                project,
                max_tokens=max_tokens,
                **settings,
            )
        finally:
            if meter is not None:
                meter.requests.append(("judge", 0, 0, time.perf_counter() - started))

    return judge
