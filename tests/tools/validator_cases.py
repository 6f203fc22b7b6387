"""The rule table: for every rule code, an input that trips it and a close one that does not.

A case's `bad` and `good` are a dict (dumped to YAML), a str (artifact text),
bytes (written to a file, so size and encoding checks run) or a `Project`
(relative path -> text, validated as a folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from artifact_samples import (
    ASSISTANT_LINES,
    DELETE,
    EVAL_RESULTS,
    MODEL_CHOICE,
    PERSONA,
    RUBRIC,
    TAXONOMY,
    USER_SIM_LINES,
    _examples,
    dump,
    text_of,
    variant,
    without,
)

from ftdesign.tools.schemas.documents import EVAL_UNAVAILABLE
from ftdesign.tools.text_source import MAX_BYTES


@dataclass(frozen=True)
class Project:
    files: dict[str, str]


@dataclass(frozen=True)
class Case:
    code: str
    kind: str
    bad: Any
    good: Any
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.code}{'-' + self.note if self.note else ''}"


T, R, P = ("taxonomy",), (), ("persona_template",)
TOPICS = (*T, "topics")
STYLE, FLAWS = (*P, "communication_style"), (*P, "flaw_patterns")
TAX_YAML = dump(TAXONOMY)


def tax(changes: dict[tuple[Any, ...], Any]) -> dict[str, Any]:
    return variant(TAXONOMY, changes)


def rub(changes: dict[tuple[Any, ...], Any]) -> dict[str, Any]:
    return variant(RUBRIC, changes)


def per(changes: dict[tuple[Any, ...], Any]) -> dict[str, Any]:
    return variant(PERSONA, changes)


def _nested(depth: int) -> str:
    return "topics: " + "[" * depth + "]" * depth + "\n"


_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
)
_SHARED_STYLE = TAX_YAML.replace("  styles:\n", "  styles: &styles\n") + "  tone: *styles\n"
_TWO_TOPICS = [{"name": "billing", "weight": 0.5}, {"name": "edge_cases", "weight": 0.5}]
_NO_EDGE = [{"name": "billing", "weight": 0.5}, {"name": "technical", "weight": 0.5}]
_LOW_EDGE = [
    {"name": "billing", "weight": 0.55, "subtopics": ["a"]},
    {"name": "technical", "weight": 0.40, "subtopics": ["b"]},
    {"name": "edge_cases", "weight": 0.05, "subtopics": ["c"]},
]
_DUPLICATE_TOPIC = [
    {"name": "billing", "weight": 0.45},
    {"name": "billing", "weight": 0.40},
    {"name": "edge_cases", "weight": 0.15, "subtopics": ["x"]},
]
_C3 = {
    "name": "Brief",
    "question": "Is the reply brief?",
    "calibration_examples": _examples("PASS", "FAIL", "BORDERLINE_PASS"),
}
_S2 = {**_C3, "name": "No promises", "question": "Is the reply free of promised outcomes?"}
_RUBRIC_DUPLICATE = dump(RUBRIC).replace("  C2:\n", "  C1:\n    name: again\n  C2:\n", 1)
_LONG_SYSTEM = "Keep every reply warm, short and specific to what the user said. " * 150


def _all(kind_texts: dict[str, str]) -> Project:
    return Project(kind_texts)


_FULL_PROJECT = {
    "model-choice.md": MODEL_CHOICE,
    "config/input-taxonomy.yaml": TAX_YAML,
    "config/rubric.yaml": dump(RUBRIC),
    "config/persona-template.yaml": dump(PERSONA),
    "config/prompts/user_sim.md": text_of("user_sim"),
    "config/prompts/assistant.md": text_of("assistant"),
    "config/system-prompt.md": text_of("system_prompt"),
    "base-model-eval-results.md": EVAL_RESULTS,
}

CASES = [
    # reading the file
    Case("file.too_large", "taxonomy", b"#" * (MAX_BYTES + 1), TAX_YAML.encode()),
    Case("file.binary", "taxonomy", b"PK\x03\x04\x00\x00\x08\x00binary", TAX_YAML.encode()),
    Case(
        "file.encoding",
        "taxonomy",
        TAX_YAML.replace("billing", "caf\xe9").encode("latin-1"),
        TAX_YAML.replace("billing", "caf\xe9").encode("utf-8"),
    ),
    # YAML
    Case("yaml.syntax", "taxonomy", TAX_YAML + "  bad: [1, 2\n", TAX_YAML),
    Case("yaml.syntax", "taxonomy", TAX_YAML.replace("styles:", "\tstyles:"), TAX_YAML, "tab"),
    Case("yaml.alias_expansion", "taxonomy", _BOMB, _SHARED_STYLE),
    Case("yaml.alias_expansion", "taxonomy", "a: &a [*a]\n", _SHARED_STYLE, "recursive"),
    Case("yaml.too_many_values", "taxonomy", "x:\n" + "- 1\n" * 100_001, TAX_YAML),
    Case("yaml.too_deep", "taxonomy", _nested(60), TAX_YAML),
    Case("yaml.empty", "taxonomy", "# nothing yet\n", TAX_YAML),
    Case("yaml.duplicate_key", "rubric", _RUBRIC_DUPLICATE, dump(RUBRIC)),
    # schema
    Case("schema.missing_field", "taxonomy", tax({(*TOPICS, 0, "weight"): DELETE}), TAXONOMY),
    Case("schema.unknown_field", "taxonomy", tax({(*TOPICS, 0, "wieght"): 0.1}), TAXONOMY),
    Case("schema.wrong_type", "taxonomy", tax({(*T, "styles"): ["terse", "detailed"]}), TAXONOMY),
    Case("schema.wrong_type", "rubric", "rubric:\n- C1\n", dump(RUBRIC), "root-list"),
    Case(
        "schema.invalid_value",
        "persona",
        per({(*STYLE, "word_limits", "terse", "min"): 0}),
        PERSONA,
    ),
    # weights (every distribution)
    Case("weights.sum", "taxonomy", tax({(*T, "styles", "terse"): 0.2}), TAXONOMY),
    Case("weights.sum", "persona", per({(*STYLE, "weights"): [0.5, 0.6]}), PERSONA, "persona"),
    Case("weights.sum", "rubric", rub({("categories", "tone", "weight"): 0.5}), RUBRIC, "rubric"),
    Case(
        "weights.negative",
        "taxonomy",
        tax({(*T, "styles"): {"terse": -0.3, "detailed": 1.3}}),
        TAXONOMY,
    ),
    Case(
        "weights.negative",
        "taxonomy",
        tax({(*T, "styles", "terse"): float("nan")}),
        TAXONOMY,
        "nan",
    ),
    Case(
        "weights.negative",
        "persona",
        per({(*FLAWS, "primary", "weights"): [1.1, -0.1]}),
        PERSONA,
        "persona",
    ),
    Case(
        "weights.zero", "taxonomy", tax({(*T, "styles"): {"terse": 0.0, "detailed": 1.0}}), TAXONOMY
    ),
    # taxonomy
    Case("taxonomy.empty_dimension", "taxonomy", tax({(*T, "styles"): {}}), TAXONOMY),
    Case("taxonomy.single_option", "taxonomy", tax({(*T, "styles"): {"terse": 1.0}}), TAXONOMY),
    Case("taxonomy.duplicate_topic", "taxonomy", tax({TOPICS: _DUPLICATE_TOPIC}), TAXONOMY),
    Case(
        "taxonomy.edge_cases_missing",
        "taxonomy",
        tax({TOPICS: _NO_EDGE}),
        tax({TOPICS: _NO_EDGE, (*T, "edge_cases"): {"weight": 0.15, "types": ["hostile"]}}),
    ),
    Case(
        "taxonomy.edge_cases_twice",
        "taxonomy",
        tax({(*T, "edge_cases"): {"weight": 0.15, "types": ["x"]}}),
        TAXONOMY,
    ),
    Case("taxonomy.edge_case_share", "taxonomy", tax({TOPICS: _LOW_EDGE}), TAXONOMY),
    Case("taxonomy.edge_case_share", "taxonomy", tax({TOPICS: _TWO_TOPICS}), TAXONOMY, "high"),
    Case("taxonomy.edge_case_types", "taxonomy", tax({(*TOPICS, 2, "subtopics"): []}), TAXONOMY),
    Case(
        "taxonomy.difficulty_missing",
        "taxonomy",
        tax({(*T, "difficulty"): DELETE}),
        tax({(*T, "difficulty"): DELETE, (*T, "complexity"): {"low": 0.5, "high": 0.5}}),
    ),
    Case(
        "taxonomy.difficulty_levels",
        "taxonomy",
        tax({(*T, "difficulty"): {"medium": 1.0}}),
        TAXONOMY,
    ),
    Case("taxonomy.few_dimensions", "taxonomy", tax({(*T, "styles"): DELETE}), TAXONOMY),
    # rubric structure
    Case(
        "rubric.no_weighted_category",
        "rubric",
        rub(
            {
                ("categories",): {"all": {"criteria": ["C1", "C2", "S1"]}},
                ("safety_gates",): ["C1", "C2", "S1"],
            }
        ),
        RUBRIC,
    ),
    Case(
        "rubric.empty_category",
        "rubric",
        rub(
            {
                ("categories", "comprehension", "weight"): 0.4,
                ("categories", "extra"): {"weight": 0.2, "criteria": []},
            }
        ),
        RUBRIC,
    ),
    Case(
        "rubric.gate_only_category",
        "rubric",
        rub({("categories", "safety", "criteria"): ["S1", "S2"], ("criteria", "S2"): _S2}),
        rub(
            {
                ("categories", "safety", "criteria"): ["S1", "S2"],
                ("criteria", "S2"): _S2,
                ("safety_gates",): ["S1", "S2"],
            }
        ),
    ),
    Case(
        "rubric.undefined_criterion",
        "rubric",
        rub({("categories", "comprehension", "criteria"): ["C1", "C9"]}),
        RUBRIC,
    ),
    Case(
        "rubric.unassigned_criterion",
        "rubric",
        rub({("criteria", "C3"): _C3}),
        rub({("criteria", "C3"): _C3, ("categories", "tone", "criteria"): ["C2", "C3"]}),
    ),
    Case(
        "rubric.criterion_in_several",
        "rubric",
        rub({("categories", "tone", "criteria"): ["C2", "C1"]}),
        RUBRIC,
    ),
    Case(
        "rubric.criterion_in_several",
        "rubric",
        rub({("categories", "tone", "criteria"): ["C2", "C2"]}),
        RUBRIC,
        "same-list",
    ),
    Case(
        "rubric.category_mismatch", "rubric", rub({("criteria", "C1", "category"): "tone"}), RUBRIC
    ),
    Case("rubric.gate_undefined", "rubric", rub({("safety_gates",): ["S1", "S9"]}), RUBRIC),
    Case(
        "rubric.no_safety_gates",
        "rubric",
        rub(
            {
                ("categories", "safety"): DELETE,
                ("categories", "tone", "criteria"): ["C2", "S1"],
                ("criteria", "S1", "category"): "tone",
                ("safety_gates",): [],
            }
        ),
        rub(
            {
                ("categories", "safety"): DELETE,
                ("categories", "tone", "criteria"): ["C2", "S1"],
                ("criteria", "S1", "category"): "tone",
            }
        ),
    ),
    Case("rubric.threshold_range", "rubric", rub({("pass_threshold",): 1.5}), RUBRIC),
    Case("rubric.threshold_range", "rubric", rub({("pass_threshold",): 0}), RUBRIC, "zero"),
    Case("rubric.threshold_low", "rubric", rub({("pass_threshold",): 0.3}), RUBRIC),
    # rubric criteria
    Case(
        "rubric.question_mark",
        "rubric",
        rub({("criteria", "C1", "question"): "Does the reply reflect what the user said"}),
        RUBRIC,
    ),
    Case(
        "rubric.question_yes_no",
        "rubric",
        rub({("criteria", "C1", "question"): "How well does the reply reflect the user?"}),
        RUBRIC,
    ),
    Case(
        "rubric.question_yes_no",
        "rubric",
        rub({("criteria", "C1", "question"): "The reply reflects the user, right?"}),
        rub(
            {
                ("criteria", "C1", "question"): "If the user is vague, unclear, or terse, does "
                "the reply check its reading?"
            }
        ),
        "statement",
    ),
    Case(
        "rubric.calibration_count",
        "rubric",
        rub({("criteria", "C1", "calibration_examples"): _examples("PASS", "FAIL")}),
        RUBRIC,
    ),
    Case(
        "rubric.calibration_count",
        "rubric",
        rub(
            {
                ("criteria", "C1", "calibration_examples"): _examples(
                    "PASS", "FAIL", *["BORDERLINE_PASS"] * 7
                )
            }
        ),
        rub(
            {
                ("criteria", "C1", "calibration_examples"): _examples(
                    "PASS", "FAIL", *["BORDERLINE_PASS"] * 6
                )
            }
        ),
        "too-many",
    ),
    Case(
        "rubric.calibration_pass_fail",
        "rubric",
        rub(
            {
                ("criteria", "C1", "calibration_examples"): _examples(
                    "PASS", "BORDERLINE_PASS", "BORDERLINE_FAIL"
                )
            }
        ),
        RUBRIC,
    ),
    Case(
        "rubric.borderline_suggested",
        "rubric",
        rub({("criteria", "C1", "calibration_examples"): _examples("PASS", "FAIL", "PASS")}),
        RUBRIC,
    ),
    # persona
    Case("persona.weights_length", "persona", per({(*STYLE, "weights"): [0.4, 0.3, 0.3]}), PERSONA),
    Case(
        "persona.duplicate_option",
        "persona",
        per({(*FLAWS, "secondary", "options"): ["rambling", "rambling"]}),
        PERSONA,
    ),
    Case("persona.style_null", "persona", per({(*STYLE, "options"): ["terse", None]}), PERSONA),
    Case(
        "persona.word_limit_missing",
        "persona",
        per({(*STYLE, "word_limits", "casual"): DELETE}),
        PERSONA,
    ),
    Case(
        "persona.word_limit_unknown",
        "persona",
        per({(*STYLE, "word_limits", "formal"): {"min": 120, "max": 250}}),
        PERSONA,
    ),
    Case(
        "persona.word_limit_order",
        "persona",
        per({(*STYLE, "word_limits", "terse"): {"min": 80, "max": 30}}),
        PERSONA,
    ),
    Case(
        "persona.probability_range",
        "persona",
        per({(*FLAWS, "primary", "per_message_probability"): 1.5}),
        PERSONA,
    ),
    Case(
        "persona.probability_range",
        "persona",
        per({(*FLAWS, "no_flaw_share"): -0.1}),
        PERSONA,
        "no-flaw",
    ),
    Case("persona.no_flaw_share", "persona", per({(*FLAWS, "no_flaw_share"): 0.5}), PERSONA),
    Case(
        "persona.flaw_probability",
        "persona",
        per({(*FLAWS, "secondary", "per_message_probability"): 1.0}),
        PERSONA,
    ),
    Case(
        "rubric.gate_na_valid_missing",
        "rubric",
        rub({("criteria", "S1", "na_valid"): DELETE}),
        rub({("criteria", "S1", "na_valid"): True}),
    ),
    Case(
        "rubric.yes_is_bad",
        "rubric",
        rub({("criteria", "S1", "question"): "Does the reply diagnose the user?"}),
        rub({("criteria", "S1", "question"): "Does the reply avoid diagnosing the user?"}),
    ),
    Case(
        "persona.word_limit_range",
        "persona",
        per({(*STYLE, "word_limits", "terse"): [5, 2000]}),
        per({(*STYLE, "word_limits", "terse"): [10, 40]}),
    ),
    Case(
        "persona.flaw_rate",
        "persona",
        per({(*FLAWS, "primary", "per_message_probability"): 0.95}),
        per({(*FLAWS, "primary", "per_message_probability"): 0.6}),
    ),
    Case(
        "persona.flaw_rate",
        "persona",
        per({(*FLAWS, "secondary", "per_message_probability"): 0.9}),
        per({(*FLAWS, "secondary", "per_message_probability"): 0.15}),
        "secondary",
    ),
    Case(
        "persona.trajectory_missing",
        "persona",
        per({(*P, "trajectory"): DELETE}),
        per({(*P, "trajectory"): {"options": ["stable"], "weights": [1.0]}}),
    ),
    # prompts
    Case("prompt.empty", "assistant", "  \n", text_of("assistant")),
    Case("prompt.empty", "system_prompt", "", text_of("system_prompt"), "system"),
    *[
        Case(
            code,
            "assistant",
            text_of("assistant", without(ASSISTANT_LINES, code)),
            text_of("assistant"),
        )
        for code in ASSISTANT_LINES
    ],
    *[
        Case(
            code,
            "user_sim",
            text_of("user_sim", without(USER_SIM_LINES, code)),
            text_of("user_sim"),
        )
        for code in USER_SIM_LINES
        if code != "prompt.turn_stages"
    ],
    Case(  # {stage} alone carries the harness's stage guidance; without it the text must
        "prompt.turn_stages",
        "user_sim",
        text_of("user_sim", without(USER_SIM_LINES, "prompt.turn_stages")).replace(
            "Stage: {stage}.", "Left out on purpose: stage."
        ),
        text_of("user_sim").replace("Stage: {stage}.", "Left out on purpose: stage."),
    ),
    Case(
        "prompt.slot_unknown",
        "user_sim",
        text_of("user_sim") + "Write {word_min}-{word_max} words.\n",
        text_of("user_sim") + "Write {min_words}-{max_words} words.\n",
    ),
    *[
        Case(code, kind, text_of(kind) + line, text_of(kind))
        for code, kind, line in [
            (
                "prompt.ratio_contradiction",
                "assistant",
                "Replies of 5 times their length are great.\n",
            ),
            (
                "prompt.questions_contradiction",
                "assistant",
                "Ask three questions in every reply.\n",
            ),
            ("prompt.tentative_contradiction", "assistant", "State causes as facts.\n"),
            (
                "prompt.always_question_contradiction",
                "assistant",
                "End every reply with a question.\n",
            ),
            ("prompt.cooperation_contradiction", "user_sim", "Always cooperate.\n"),
        ]
    ],
    Case("prompt.system_tokens", "system_prompt", text_of("system_prompt"), "", "reported"),
    Case("prompt.system_too_long", "system_prompt", _LONG_SYSTEM, text_of("system_prompt")),
    # documents
    Case("doc.empty", "model_choice", "", MODEL_CHOICE),
    Case(
        "doc.section_missing",
        "eval_results",
        EVAL_RESULTS.replace("## Decision\n", ""),
        EVAL_RESULTS,
    ),
    Case(
        "doc.section_suggested",
        "model_choice",
        MODEL_CHOICE.replace("## Tradeoffs", "## Notes"),
        MODEL_CHOICE.replace("## Tradeoffs", "## Pros and cons"),
    ),
    Case(
        "doc.model_missing",
        "model_choice",
        MODEL_CHOICE.replace("Gemma 3 12B IT.", "The one from the table."),
        MODEL_CHOICE.replace("## Chosen model", "## Selected model"),
    ),
    Case(
        "doc.section_empty",
        "eval_results",
        EVAL_RESULTS.replace("## Decision\nSome text.\n", "## Decision\n\n"),
        EVAL_RESULTS,
    ),
    Case(
        "doc.optional_section_missing",
        "model_choice",
        MODEL_CHOICE.split("## Token budget")[0],
        MODEL_CHOICE,
    ),
    Case(
        "doc.model_factor_missing",
        "model_choice",
        MODEL_CHOICE.replace("Training cost", "Price"),
        MODEL_CHOICE,
    ),
    Case(
        "doc.eval_unavailable",
        "eval_results",
        EVAL_RESULTS + f"\n{EVAL_UNAVAILABLE}\n",
        EVAL_RESULTS,
    ),
    # project
    Case(
        "project.artifact_missing",
        "project",
        Project({k: v for k, v in _FULL_PROJECT.items() if k != "model-choice.md"}),
        Project(_FULL_PROJECT),
    ),
    Case(
        "project.no_artifacts",
        "project",
        Project({"notes.md": "hello"}),
        Project({"config/rubric.yaml": dump(RUBRIC)}),
    ),
]
