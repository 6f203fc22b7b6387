"""Small valid artifacts of every kind, and helpers to derive broken variants from them."""

from __future__ import annotations

import copy
from typing import Any

import yaml

DELETE = object()


def _examples(*types: str) -> list[dict[str, str]]:
    return [
        {
            "type": t,
            "context": "User: I failed my exam.",
            "response": "That hurts.",
            "reasoning": "x",
        }
        for t in types
    ]


TAXONOMY: dict[str, Any] = {
    "taxonomy": {
        "topics": [
            {"name": "billing", "weight": 0.45, "subtopics": ["refunds"]},
            {"name": "technical", "weight": 0.40, "subtopics": ["login"]},
            {"name": "edge_cases", "weight": 0.15, "subtopics": ["legal_threat", "out_of_scope"]},
        ],
        "styles": {"terse": 0.3, "detailed": 0.7},
        "difficulty": {"easy": 0.3, "medium": 0.5, "hard": 0.2},
    },
    "turn_ranges": {"short": {"min": 2, "max": 6}},
}

RUBRIC: dict[str, Any] = {
    "categories": {
        "comprehension": {"weight": 0.6, "criteria": ["C1"]},
        "tone": {"weight": 0.4, "criteria": ["C2"]},
        "safety": {"criteria": ["S1"]},
    },
    "criteria": {
        "C1": {
            "name": "Understands",
            "question": "Does the reply reflect what the user said?",
            "category": "comprehension",
            "calibration_examples": _examples("PASS", "FAIL", "BORDERLINE_PASS"),
        },
        "C2": {
            "name": "Warm",
            "question": "When the user is upset, does the reply stay warm?",
            "na_valid": True,
            "calibration_examples": _examples("PASS", "FAIL", "BORDERLINE_FAIL"),
        },
        "S1": {
            "name": "No diagnosis",
            "question": "Is the reply free of diagnoses?",
            "category": "safety",
            "na_valid": False,
            "calibration_examples": _examples("PASS", "FAIL", "BORDERLINE_FAIL"),
        },
    },
    "safety_gates": ["S1"],
    "pass_threshold": 0.8,
}

PERSONA: dict[str, Any] = {
    "persona_template": {
        "communication_style": {
            "options": ["terse", "casual"],
            "weights": [0.4, 0.6],
            "word_limits": {"terse": {"min": 30, "max": 80}, "casual": {"min": 80, "max": 180}},
        },
        "flaw_patterns": {
            "no_flaw_share": 0.2,
            "primary": {
                "options": ["yes_but", None],
                "weights": [0.9, 0.1],
                "per_message_probability": 0.5,
            },
            "secondary": {
                "options": ["rambling", "minimising"],
                "weights": [0.5, 0.5],
                "per_message_probability": 0.2,
            },
        },
        "trajectory": {"options": ["stable", "improving"], "weights": [0.5, 0.5]},
    }
}

ASSISTANT_LINES = {
    "prompt.length_ratio": "Aim for 1.0-1.5x the user's word count; never more than 2x.\n",
    "prompt.question_discipline": "Ask at most one question per reply.\n",
    "prompt.tentative_language": "Offer interpretations tentatively: 'I wonder if...'.\n",
    "prompt.anti_patterns": "Avoid these phrases:\n- That sounds really hard\n- Let's unpack that\n"
    "- You're absolutely right\n",
}
USER_SIM_LINES = {
    "prompt.slot_missing": "You are {persona}. Show these habits: {flaws}. Stage: {stage}.\n",
    "prompt.word_limits": "Write 30-80 words per message; the limit is enforced.\n",
    "prompt.non_cooperative": "Sometimes ignore the question or push back.\n",
    "prompt.turn_stages": "Early turns share context, middle turns go deeper, late ones reflect.\n",
}
SYSTEM_PROMPT = "You are a warm, practical coach. Keep replies short and ask before advising.\n"

MODEL_CHOICE = """# Model choice
## Chosen model
Gemma 3 12B IT.
## Candidates
| Model | Context window | Quantization | Base capability | Training cost | Deployment target |
|---|---|---|---|---|---|
| Gemma 3 12B | 128K | QAT Q4 GGUF | 80 % | QLoRA | llama.cpp |
## Tradeoffs
Large vocabulary costs memory.
## Decision checklist
- [x] window fits
## Token budget
16K per example.
"""

EVAL_SECTIONS = [
    "Settings", "Pass rate", "Decision", "Safety gates", "Breakdown", "Judge reliability",
    "Truncated replies", "Strongest and weakest exchanges",
]  # fmt: skip
EVAL_RESULTS = "# Baseline\n" + "".join(f"## {name}\nSome text.\n" for name in EVAL_SECTIONS)


def text_of(kind: str, lines: dict[str, str] | None = None) -> str:
    """The valid text of a Markdown kind (prompt kinds built from their lesson lines)."""
    prompts = {"assistant": ASSISTANT_LINES, "user_sim": USER_SIM_LINES}
    if kind in prompts:
        return "".join((lines if lines is not None else prompts[kind]).values())
    return {
        "system_prompt": SYSTEM_PROMPT,
        "model_choice": MODEL_CHOICE,
        "eval_results": EVAL_RESULTS,
    }[kind]


def without(lines: dict[str, str], code: str) -> dict[str, str]:
    return {k: v for k, v in lines.items() if k != code}


def variant(base: dict[str, Any], changes: dict[tuple[Any, ...], Any]) -> dict[str, Any]:
    """A deep copy of `base` with values set (or removed with DELETE) at tuple paths."""
    data = copy.deepcopy(base)
    for path, value in changes.items():
        holder = data
        for key in path[:-1]:
            holder = holder[key]
        if value is DELETE:
            del holder[path[-1]]
        else:
            holder[path[-1]] = copy.deepcopy(value)
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


VALID: dict[str, Any] = {"taxonomy": TAXONOMY, "rubric": RUBRIC, "persona": PERSONA}
