"""llama.cpp's own timings, read from a verbose llama_cpp.server log.

With `--verbose True` the server prints llama.cpp's performance counters after
every request: prompt tokens actually evaluated (after prefix-cache reuse) with
their time, and generated tokens with theirs. Summed over a run they give the
run's floor: the time llama.cpp itself needed, with nothing else around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PROMPT = re.compile(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")
GENERATE = re.compile(r"^\S*:\s+eval time =\s*([\d.]+) ms /\s*(\d+) runs", re.M)


@dataclass(frozen=True)
class LlamaTimings:
    requests: int
    prompt_tokens: int
    prompt_ms: float
    generated_tokens: int
    generate_ms: float

    @property
    def prompt_speed(self) -> float:
        """Prompt tokens per second, as llama.cpp measured it."""
        return self.prompt_tokens / (self.prompt_ms / 1000) if self.prompt_ms else 0.0

    @property
    def generate_speed(self) -> float:
        return self.generated_tokens / (self.generate_ms / 1000) if self.generate_ms else 0.0

    @property
    def floor_seconds(self) -> float:
        """Tokens processed divided by llama.cpp's own speeds (= its compute time)."""
        return (self.prompt_ms + self.generate_ms) / 1000

    def __add__(self, other: LlamaTimings) -> LlamaTimings:
        return LlamaTimings(
            self.requests + other.requests,
            self.prompt_tokens + other.prompt_tokens,
            self.prompt_ms + other.prompt_ms,
            self.generated_tokens + other.generated_tokens,
            self.generate_ms + other.generate_ms,
        )


def parse_timings(text: str) -> LlamaTimings:
    prompts = [(float(ms), int(n)) for ms, n in PROMPT.findall(text)]
    generated = [(float(ms), int(n)) for ms, n in GENERATE.findall(text)]
    return LlamaTimings(
        requests=len(prompts),
        prompt_tokens=sum(n for _, n in prompts),
        prompt_ms=sum(ms for ms, _ in prompts),
        generated_tokens=sum(n for _, n in generated),
        generate_ms=sum(ms for ms, _ in generated),
    )


def read_timings(log: Path, start: int = 0) -> LlamaTimings:
    """Timings logged after byte offset `start` (a phase of a longer run)."""
    with log.open("rb") as file:
        file.seek(start)
        return parse_timings(file.read().decode("utf-8", errors="replace"))
