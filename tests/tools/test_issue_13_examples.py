"""The examples of issue 13: good artifacts in other words pass, contradictions are found."""

from __future__ import annotations

from ftdesign.tools.findings import Finding
from ftdesign.tools.validators import validate_text

SLOTS = "You are this person: {persona}\nShow these habits now: {flaws}\nStage: {stage}\n"


def codes(findings: list[Finding], severity: str | None = None) -> list[str]:
    return [f.code for f in findings if severity is None or f.severity == severity]


def test_word_range_written_with_between_passes() -> None:
    text = SLOTS + (
        "Write between {min_words} and {max_words} words. This limit is enforced.\n"
        "Sometimes ignore the question and talk about your own thing.\n"
    )
    findings = validate_text(text, "user_sim")
    assert codes(findings) == []


def test_inline_avoid_phrases_pass() -> None:
    text = (
        "Answer in 1.0-1.5x the customer's words. Ask at most one question. Offer guesses, "
        "not verdicts, about what went wrong.\n"
        'Avoid these phrases: "Great question!", "As an AI", "Rest assured".\n'
    )
    assert codes(validate_text(text, "assistant")) == []


def test_plain_english_assistant_prompt_has_no_errors_or_lesson_warnings() -> None:
    text = (
        "Keep replies roughly as long as the user's message and never more than double. "
        "Offer readings as guesses the person can correct. Ask one question at most. "
        'Phrases to steer clear of: "That sounds hard", "Let\'s unpack that", "Great job!".\n'
    )
    assert codes(validate_text(text, "assistant")) == []


def test_model_choice_with_other_headings_has_no_errors() -> None:
    text = (
        "# Which model\n## Selected model\nQwen2.5 7B Instruct at Q4_K_M.\n"
        "## Candidates compared\n| | Context window | Quantization | Base capability | "
        "Training cost | Deployment target |\n|-|-|-|-|-|-|\n| Qwen2.5 7B | 32K | Q4 | good "
        "| low | laptop |\n## Tradeoffs\nSmaller window.\n## Decision\n- [x] fits in 8 GB\n"
        "## Token budget\n8K per example.\n"
    )
    assert codes(validate_text(text, "model_choice")) == []


def test_persona_limits_as_pairs_are_accepted() -> None:
    text = (
        "communication_style:\n  options: [terse, casual]\n  weights: [0.4, 0.6]\n"
        "  word_limits:\n    terse: [10, 40]\n    casual: [40, 120]\n"
        "flaw_patterns:\n  primary: {options: [vague], weights: [1.0], "
        "per_message_probability: 0.5}\n"
        "trajectory: {options: [stable], weights: [1.0]}\n"
    )
    assert codes(validate_text(text, "persona"), "error") == []


def test_ratio_and_tentative_contradictions_are_found_and_quoted() -> None:
    text = (
        "Replies of 5 times the user's length are great. Never use tentative language: "
        "state causes as facts. Ask at most one question.\n"
        'Avoid: "Great question!", "As an AI".\n'
    )
    findings = validate_text(text, "assistant")
    found = {f.code: f.message for f in findings}
    assert "5 times the user's length" in found["prompt.ratio_contradiction"]
    assert "Never use tentative language" in found["prompt.tentative_contradiction"]
    assert codes(findings, "error") == []


def test_always_cooperate_is_found() -> None:
    text = (
        SLOTS
        + "Write {min_words}-{max_words} words (enforced). Never ignore the "
        + ("assistant; always cooperate.\n")
    )
    findings = validate_text(text, "user_sim")
    assert "prompt.cooperation_contradiction" in codes(findings, "warning")


def test_word_min_hint_is_gone_and_the_slot_is_named() -> None:
    findings = validate_text(SLOTS + "Write {word_min}-{word_max} words.\n", "user_sim")
    unknown = [f for f in findings if f.code == "prompt.slot_unknown"]
    assert unknown and all("{min_words}-{max_words}" in f.message for f in unknown)
    assert not any("{word_min}" in f.message.split("; ", 1)[1] for f in findings)


def test_user_sim_without_slots_is_an_error_unless_left_out_on_purpose() -> None:
    bare = "You are a customer. Write 20-60 words; this is enforced. Sometimes push back.\n"
    missing = [f for f in validate_text(bare, "user_sim") if f.code == "prompt.slot_missing"]
    assert len(missing) == 3 and all(f.severity == "error" for f in missing)
    declared = bare + "Left out on purpose: persona, flaws and stage (one fixed tester).\n"
    assert "prompt.slot_missing" not in codes(validate_text(declared, "user_sim"))


def test_extreme_persona_numbers_warn() -> None:
    text = (
        "communication_style:\n  options: [terse]\n  weights: [1.0]\n"
        "  word_limits: {terse: {min: 5, max: 2000}}\n"
        "flaw_patterns:\n"
        "  primary: {options: [vague], weights: [1.0], per_message_probability: 0.95}\n"
        "  secondary: {options: [rambling], weights: [1.0], per_message_probability: 0.9}\n"
    )
    found = codes(validate_text(text, "persona"), "warning")
    assert found.count("persona.flaw_rate") == 2
    assert "persona.word_limit_range" in found and "persona.trajectory_missing" in found


_RUBRIC = """categories:
  help: {weight: 1.0, criteria: [C1]}
criteria:
  C1:
    name: Helpful
    question: Does the reply address the question?
    calibration_examples: &examples
      - {type: PASS, context: a, response: b, reasoning: c}
      - {type: FAIL, context: a, response: b, reasoning: c}
      - {type: BORDERLINE_PASS, context: a, response: b, reasoning: c}
  SAF1:
    name: Crisis handled
    question: When the user signals risk, does the reply point to help?
    NA_LINE
    calibration_examples: *examples
safety_gates: [SAF1]
"""


def test_conditional_gate_without_na_valid_is_an_error() -> None:
    findings = validate_text(_RUBRIC.replace("    NA_LINE\n", ""), "rubric")
    assert codes(findings, "error") == ["rubric.gate_na_valid_missing"]


def test_the_seeds_rubric_shape_is_accepted() -> None:
    findings = validate_text(_RUBRIC.replace("NA_LINE", "na_valid: true"), "rubric")
    assert codes(findings, "error") == []


def _persona(limits: str) -> str:
    return (
        "communication_style:\n  options: [terse]\n  weights: [1.0]\n"
        f"  word_limits: {{terse: {limits}}}\n"
        "flaw_patterns:\n  primary: {options: [vague], weights: [1.0], "
        "per_message_probability: 0.5}\ntrajectory: {options: [stable], weights: [1.0]}\n"
    )


def test_hints_show_the_fixed_line_for_the_value_seen() -> None:
    def messages(text: str, kind: str) -> str:
        return " ".join(f.message for f in validate_text(text, kind))

    assert "`terse: {min: 30, max: 80}`" in messages(_persona("{min: 80, max: 30}"), "persona")
    assert "`terse: {min: 10, max: 375}`" in messages(_persona("[10, 2000]"), "persona")
    styles = "taxonomy:\n  topics:\n    - {name: a, weight: 1.0}\n  styles: [terse, chatty]\n"
    assert "`{terse: 0.5, chatty: 0.5}`" in messages(styles, "taxonomy")
    bad_question = _RUBRIC.replace("NA_LINE", "na_valid: true").replace(
        "Does the reply address the question?", "Does the reply blame the user?"
    )
    assert 'question: "Does the reply avoid blaming the user?"' in messages(bad_question, "rubric")
