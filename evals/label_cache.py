"""Calibration labels computed once per judge, kept on disk across runs.

A judge's verdict on a calibration example depends only on the judge (model file or
endpoint and model name, temperature, seed), the judge prompt's version and the
prompt itself (the criterion, its other examples, the example labelled). Those make
the key, so a re-run that changes only the scenarios, the candidate or the prompts
relabels nothing, and any change to the judge or the rubric misses and is labelled
anew. Labels live in `<project>/.ftdesign/calibration-labels/records.jsonl` (the run
store's append-only format); a judge whose identity is unknown (an injected call) is
not cached. ERROR verdicts are never stored: a flaky endpoint should be asked again.

Self-consistency samples (consistency.py) are kept the same way in their own folder,
`consistency-samples/`, their key adding the sample's index and temperature: a sample
is drawn with its own seed, so sample 2 of a prompt is not sample 1 of it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ftdesign.evals.calls import SAMPLE_TEMPERATURE
from ftdesign.evals.judge_prompt import JUDGE_PROMPT_VERSION
from ftdesign.evals.records import RunStore
from ftdesign.evals.scorer import Judgment
from ftdesign.models import embedded_gguf_path, load_role, plugged_model

FOLDER = Path(".ftdesign") / "calibration-labels"
SAMPLES_FOLDER = Path(".ftdesign") / "consistency-samples"


@cache
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    """sha256 of a model file; size and mtime in the key redo it when the file changes."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def judge_identity(project: Path, overrides: dict[str, Any]) -> str:
    """What decides the judge's verdicts: its model and its sampling."""
    settings = load_role("judge", project, **overrides)
    plugged = plugged_model("judge")
    if plugged is not None:
        model = f"plugged-in {type(plugged).__name__} {getattr(plugged, 'model_name', '')}"
    elif settings.is_local:
        gguf = (settings.gguf or embedded_gguf_path()).resolve()
        stat = gguf.stat()
        model = f"gguf sha256 {_file_digest(gguf, stat.st_size, stat.st_mtime_ns)}"
    else:
        model = f"{settings.base_url} model {settings.model}"
    return f"{model}; temperature {settings.temperature}; seed {settings.seed}"


@dataclass
class LabelCache:
    store: RunStore
    identity: str
    hits: int = 0
    misses: int = 0

    def key(self, messages: list[dict[str, str]], sample: int = 0) -> str:
        """`sample` 0 is the greedy first verdict; k > 0 the k-th self-consistency sample,
        whose seed and temperature (calls.make_judge) follow from the index."""
        parts: list[Any] = [self.identity, JUDGE_PROMPT_VERSION, messages]
        if sample:
            parts.append(f"sample {sample}; temperature {SAMPLE_TEMPERATURE}")
        text = json.dumps(parts, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, messages: list[dict[str, str]], sample: int = 0) -> Judgment | None:
        record = self.store.get(self.key(messages, sample))
        if record is None:
            self.misses += 1
            return None
        self.hits += 1
        return Judgment.model_validate(record["data"])

    def put(
        self, messages: list[dict[str, str]], judgment: Judgment, example: str, sample: int = 0
    ) -> None:
        if judgment.answer != "ERROR":
            data = {"data": judgment.model_dump(), "example": example, "judge": self.identity}
            self.store.put(self.key(messages, sample), data)


def open_cache(project: Path, overrides: dict[str, Any], folder: Path = FOLDER) -> LabelCache:
    """The judge's cached verdicts: labels in FOLDER, self-consistency samples in
    SAMPLES_FOLDER."""
    return LabelCache(RunStore(project / folder), judge_identity(project, overrides))
