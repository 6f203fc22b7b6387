"""Gate 1: fill the seed's five factors for each candidate and draft `model-choice.md`.

Facts read from GGUF headers (tools/gguf_facts.py) are combined with what only the
user can measure (speed on their hardware, pass rate on their rubric). Unmeasured
facts are written as open items, never guessed. Headings and factor names come from
tools/schemas/documents.py so the drafted file passes the same validator.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from ftdesign.tools.budget import Budget
from ftdesign.tools.budget_io import render_budget
from ftdesign.tools.choice_entries import ChoiceEntry, render_entries
from ftdesign.tools.gguf_facts import GB, ModelFacts
from ftdesign.tools.schemas.documents import MODEL_FACTORS, REQUIRED_SECTIONS

DEFAULT_DEPLOYMENT = "llama.cpp / Ollama (GGUF)"


class Candidate(BaseModel):
    """One base model under consideration: inspected facts plus the user's measurements."""

    facts: ModelFacts
    label: str | None = None
    speed_tok_s: float | None = Field(default=None, gt=0, description="measured on target")
    base_pass_rate: float | None = Field(default=None, ge=0, le=1)
    training_method: str = "QLoRA"
    deployment_target: str = DEFAULT_DEPLOYMENT

    @property
    def title(self) -> str:
        return self.label or Path(self.facts.path).stem  # file names beat general.name


class ChoiceInputs(BaseModel):
    """Everything the document is drafted from."""

    candidates: list[Candidate] = Field(min_length=1)
    chosen: int = 0
    train_seq_len: int = 4096
    training_memory_gb: float | None = None
    budget: Budget | None = None
    rationale: str = ""


def factor_cells(c: Candidate, seq_len: int) -> dict[str, str]:
    """The five factors for one candidate, in the seed's order."""
    f = c.facts
    window = "unknown"
    if f.context_length:
        window = f"{f.context_length:,} tokens (about {f.context_length // 2:,} per example)"
    capability = (
        f"{c.base_pass_rate:.0%} base pass rate on our rubric"
        if c.base_pass_rate is not None
        else "not measured yet: run the baseline on ~20 scenarios"
    )
    logits = f.logits_bytes(seq_len) / GB
    speed = f", {c.speed_tok_s:g} tok/s measured" if c.speed_tok_s else ", speed not measured"
    values = [
        window,
        f"{f.file_type} GGUF, {f.file_size_bytes / GB:.2f} GB file",
        capability,
        f"{c.training_method}; {f.parameter_count / 1e6:,.0f}M parameters;"
        f" logits {logits:.2f} GB at {seq_len:,} tokens (vocab {f.vocab_size or 0:,})",
        c.deployment_target + speed,
    ]
    return dict(zip(MODEL_FACTORS, values, strict=True))


def checklist(inputs: ChoiceInputs) -> list[tuple[bool, str]]:
    """The seed's decision checklist, ticked only where a fact proves it."""
    c = inputs.candidates[inputs.chosen]
    f, seq = c.facts, inputs.train_seq_len
    target = inputs.budget.tokens_per_example if inputs.budget else seq
    memory = inputs.training_memory_gb
    fits_memory = memory is not None and f.logits_bytes(seq) <= memory * GB
    memory_note = f"{f.logits_bytes(seq) / GB:.2f} GB of logits at {seq:,} tokens"
    return [
        (bool(f.context_length and f.context_length >= target),
         f"Context window fits the target example length ({target:,} tokens)"),
        (c.base_pass_rate is not None, "Base model evaluated on our rubric, pass rate recorded"),
        (f.file_type != "unknown", f"Quantized build exists in the target format ({f.file_type})"),
        (c.speed_tok_s is not None, "Speed measured on the deployment target and acceptable"),
        (fits_memory, f"Training memory fits: {memory_note}"
         + (f" within {memory:g} GB" if memory is not None else " (memory not given)")),
        (inputs.budget is not None and inputs.budget.ceiling <= 16_384,
         "Token budget set (16K per example or less)"),
    ]  # fmt: skip


def render_model_choice(inputs: ChoiceInputs) -> str:
    """Markdown for model-choice.md with the required sections in order."""
    chosen = inputs.candidates[inputs.chosen]
    headings = REQUIRED_SECTIONS["model_choice"]
    titles = [c.title for c in inputs.candidates]
    cells = [factor_cells(c, inputs.train_seq_len) for c in inputs.candidates]
    table = ["| Factor | " + " | ".join(titles) + " |", "|---" * (len(titles) + 1) + "|"]
    table += [f"| {name} | " + " | ".join(c[name] for c in cells) + " |" for name in MODEL_FACTORS]
    others = [c for c in inputs.candidates if c is not chosen]
    tradeoffs = [inputs.rationale.strip()] if inputs.rationale.strip() else []
    tradeoffs += [_compare(chosen, other, inputs.train_seq_len) for other in others]
    if not tradeoffs:
        tradeoffs = ["- Only one candidate was inspected; add another to compare against."]
    body = {
        "Chosen model": f"**{chosen.title}** (`{chosen.facts.path}`): {chosen.facts.architecture}"
        f" architecture, {chosen.facts.size_label or 'size label not set'}"
        f" ({chosen.facts.name or 'no general.name'}).",
        "Candidates": "\n".join(table) + "\n\n" + render_entries(
            [ChoiceEntry(c.facts.path, chosen=c is chosen) for c in inputs.candidates]
        ),
        "Tradeoffs": "\n".join(tradeoffs),
        "Decision checklist": "\n".join(
            f"- [{'x' if ok else ' '}] {text}" for ok, text in checklist(inputs)
        ),
    }
    parts = ["# Model choice", ""]
    for heading in headings:
        parts += [f"## {heading}", "", body.get(heading, "TODO"), ""]
    if inputs.budget is not None:
        parts.append(render_budget(inputs.budget))
    return "\n".join(parts).rstrip() + "\n"


def _compare(chosen: Candidate, other: Candidate, seq_len: int) -> str:
    a, b = chosen.facts, other.facts
    memory = (b.logits_bytes(seq_len) - a.logits_bytes(seq_len)) / GB
    return (
        f"- vs {other.title}: context {b.context_length or 0:,} vs {a.context_length or 0:,};"
        f" file {b.file_size_bytes / GB:.2f} vs {a.file_size_bytes / GB:.2f} GB;"
        f" logits memory at {seq_len:,} tokens {memory:+.2f} GB"
        f" (vocab {b.vocab_size or 0:,} vs {a.vocab_size or 0:,})."
    )


def write_model_choice(project: Path, inputs: ChoiceInputs) -> Path:
    """Draft model-choice.md into the project, keeping the replaced version."""
    from ftdesign.tools.artifacts import ARTIFACTS
    from ftdesign.tools.project_files import write_artifact

    return write_artifact(project, ARTIFACTS["model_choice"].path, render_model_choice(inputs))
