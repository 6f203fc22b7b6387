"""Every step of a design session, declared once, in the order the session walks them.

To add a gate: declare it here (before `done`) with its artifacts, guide and review focus,
and write its module `agent/gates/<id>.py` with a `SPEC` (see agent/gates/base.py).
Nothing else lists the steps; the tables elsewhere are derived from `REGISTRY`.
"""

from __future__ import annotations

import sys

from ftdesign.tools.schemas import PersonaTemplate, Rubric, TaxonomyFile
from ftdesign.tools.step_model import ArtifactDecl, Registry, Step, StepDeclarationError, declare

A = ArtifactDecl

DECLARED: tuple[Step, ...] = (
    declare(
        id="intake",
        role="intake",
        title="Intake",
        question="Add what is still missing or correct what I read (`hardware: ...`,"
        " `offline: true`, `budget: ...`, `expertise: ...`, one per line), or approve to"
        " continue with what is here.",
        query="inputs domain deployment constraints hardware offline budget expertise",
        aliases=("start",),
    ),
    declare(
        id="model_choice",
        title="Model choice",
        question="Is this the model to fine-tune? Change it with `chosen: 1`, add models with"
        " `candidates: [path.gguf, ...]`, or set `training_memory_gb: 24`.",
        query="base model selection context window quantization vocabulary memory",
        artifacts=(
            A(kind="model_choice", path="model-choice.md", title="Model choice", rules="document"),
        ),
        guide="model-selection.md",
        focus="speed on the real device and the vocabulary's logits memory",
        aliases=("model", "models", "choice"),
    ),
    declare(
        id="token_economics",
        title="Token economics",
        question="Is this the longest training example you will pay for? Change it with"
        " `ceiling: 8192`, `tokens_per_exchange: 450`, or price a run with `examples: 2000,"
        " epochs: 3, price_per_million: 2`.",
        query="token budget per example ceiling cost exchanges system prompt",
        guide="token-economics.md",
        focus="whether the longest realistic conversation fits without slicing away context",
        aliases=("tokens", "token", "budget", "economics"),
    ),
    declare(
        id="taxonomy",
        title="Input taxonomy",
        question="Does this distribution of topics, styles, difficulty and edge cases fit your"
        " users?",
        query="input taxonomy dimensions weights edge cases share",
        artifacts=(
            A(
                kind="taxonomy",
                path="config/input-taxonomy.yaml",
                title="Input taxonomy",
                rules="taxonomy",
                schema=TaxonomyFile,
                root="taxonomy",
            ),
        ),
        guide="input-taxonomy.md",
        focus="missing users, stances and presentations; edge cases near 15 %",
    ),
    declare(
        id="rubric",
        title="Evaluation rubric",
        short_title="Rubric",
        question="Are these the yes/no questions a good conversation must pass, and are the"
        " safety gates complete?",
        query="rubric binary criteria categories weights safety gates calibration examples",
        artifacts=(
            A(
                kind="rubric",
                path="config/rubric.yaml",
                title="Evaluation rubric",
                rules="rubric",
                schema=Rubric,
                root="rubric",
            ),
        ),
        guide="rubric.md",
        focus="a bad reply that passes every criterion; incomplete safety gates",
    ),
    declare(
        id="personas",
        title="Persona template",
        short_title="Personas",
        question="Do these styles, word limits and flaws cover the people who will talk to the"
        " model?",
        query="persona template communication styles word limits flaw patterns per message",
        artifacts=(
            A(
                kind="persona",
                path="config/persona-template.yaml",
                title="Persona template",
                rules="persona",
                schema=PersonaTemplate,
                root="persona_template",
            ),
        ),
        guide="personas.md",
        focus="flaws that never vary per message; too few flawless personas",
        aliases=("persona",),
    ),
    declare(
        id="prompts",
        title="Prompts",
        question="Will these prompts produce the behaviour your rubric rewards? To replace one,"
        " paste it starting with its file name, e.g. `assistant.md:`.",
        query="assistant prompt length matching question discipline user simulator system prompt",
        artifacts=(
            A(
                kind="user_sim",
                path="config/prompts/user_sim.md",
                title="User simulator prompt",
                rules="prompt",
            ),
            A(
                kind="assistant",
                path="config/prompts/assistant.md",
                title="Assistant prompt",
                rules="prompt",
            ),
            A(
                kind="system_prompt",
                path="config/system-prompt.md",
                title="System prompt",
                rules="prompt",
            ),
        ),
        guide="prompts.md",
        focus="whether the assistant prompt produces what the rubric rewards",
        aliases=("prompt",),
    ),
    declare(
        id="baseline_eval",
        title="Baseline evaluation",
        short_title="Baseline eval",
        question="Does this result support the decision to fine-tune? Say `run again with"
        " scenarios: 20` to re-run, `chosen: N` to choose another candidate from the side-by-side"
        " table, or paste results from your own evaluation.",
        query="base model evaluation pass rate decision bands scenarios",
        artifacts=(
            A(
                kind="eval_results",
                path="base-model-eval-results.md",
                title="Baseline evaluation results",
                rules="document",
            ),
        ),
        guide="baseline-eval.md",
        focus="scenarios that miss edge-case types; unread truncated replies",
        aliases=("baseline", "eval", "evaluation"),
    ),
    declare(
        id="done",
        role="done",
        title="Done",
        question="All gates are settled. Say `finish` to end the session, or `back to <gate>`"
        " to revisit one.",
        query="finetune design outputs done when",
        aliases=("end",),
    ),
)

REGISTRY = Registry(DECLARED)

# Modules that derive their tables from REGISTRY when they are imported.
DERIVED = ("ftdesign.tools.artifacts", "ftdesign.agent.state", "ftdesign.knowledge.checklists")


def use_registry(registry: Registry) -> None:
    """Replace the registry before anything derives from it (an extension's or a test's
    copy with an extra step); refused once a derived table exists, as it would disagree."""
    global REGISTRY
    built = [name for name in DERIVED if name in sys.modules]
    if built:
        raise StepDeclarationError(
            f"the step registry was already used by {', '.join(built)}",
            hint="call use_registry() before importing the rest of ftdesign",
        )
    REGISTRY = registry
