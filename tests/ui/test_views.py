"""The stop and review panel as text: every part a user needs is on the page."""

from __future__ import annotations

from ftdesign.agent.records import ChecklistCheck, ExpertCritique, Issue, Review, Source
from ftdesign.agent.state import GATES, initial_statuses
from ftdesign.agent.stop import Stop
from ftdesign.agent.ui.review_view import review_markdown
from ftdesign.agent.ui.stop_view import (
    EXCERPTS,
    excerpts_markdown,
    fingerprint,
    progress_line,
    stop_markdown,
)


def a_stop(**changes) -> Stop:
    statuses = {
        **initial_statuses(),
        "intake": "passed",
        "model_choice": "passed",
        "token_economics": "stale",
        "taxonomy": "skipped",
        "rubric": "current",
    }
    fields = dict(
        step="rubric",
        title="Evaluation rubric",
        number=4,
        question="Are these the questions?",
        fmt="yaml",
        drafts={"config/rubric.yaml": "categories: {}\n"},
        findings=[
            Issue(
                file="config/rubric.yaml",
                severity="error",
                code="rubric.weights",
                message="weights sum to 0.9",
                line=3,
            ),
            Issue(
                file="config/rubric.yaml",
                severity="warning",
                code="rubric.few",
                message="2 calibration examples",
            ),
        ],
        sources=[Source(source="rubric-guide.md", section="Binary criteria", text="Use yes/no")],
        review=None,
        notices=["Drafted from the customer_support template."],
        answer=None,
        answer_sources=[],
        statuses=statuses,
        actions=["approve", "change", "paste", "back"],
        can_approve=False,
        back_to=["intake", "model_choice", "token_economics", "taxonomy"],
    )
    return Stop(**{**fields, **changes})


def test_progress_line_marks_each_gate_status():
    stop = a_stop()
    line = progress_line(stop.statuses, stop.step)
    assert line.count("·") == len(GATES) - 1
    assert "✔ 1 Model choice" in line
    assert "⚠ 2 Token economics (stale)" in line
    assert "» 3 Input taxonomy (skipped)" in line
    assert "▶ **4 Rubric**" in line
    assert "○ 5 Personas" in line


def test_stop_markdown_shows_findings_sources_and_blocked_approval():
    text = stop_markdown(a_stop())
    assert text.startswith("### Gate 4 of 7 · Evaluation rubric")
    assert "1 error, 1 warning" in text
    assert "`config/rubric.yaml` line 3 · `rubric.weights`: weights sum to 0.9" in text
    assert text.index("rubric.weights") < text.index("rubric.few")  # errors first
    assert "- `rubric-guide.md` § Binary criteria" in text
    assert "(read them in guide excerpts)" in text  # the side panel Chainlit links by name
    assert "Approval waits until the errors above are fixed" in text
    assert "> Drafted from the customer_support template." in text
    assert "**Are these the questions?**" in text


def test_clean_stop_says_so_and_shows_an_answer_once():
    stop = a_stop(
        findings=[],
        can_approve=True,
        answer="Use 3-8 examples.",
        answer_sources=[Source(source="rubric-guide.md", section="Calibration")],
    )
    assert "none, the validators are satisfied" in stop_markdown(stop)
    assert "Approval waits" not in stop_markdown(stop)
    assert "**Answer:** Use 3-8 examples." in stop_markdown(stop)
    streamed = stop_markdown(stop, answer_streamed=True)
    assert "Use 3-8 examples." not in streamed and "Sources for the answer" in streamed


def test_review_panel_numbers_suggestions_like_the_agent():
    review = Review(
        verdict="CONCERNS",
        checklist=[
            ChecklistCheck(item="Criteria are binary", ok=True),
            ChecklistCheck(item="Safety gates named", ok=False, note="none named"),
        ],
        experts=[
            ExpertCritique(
                name="Ana",
                role="support lead",
                risks=["refund policy"],
                inadequate_pass="polite but wrong answers",
            )
        ],
        suggestions=["Fix rubric.weights: weights sum to 0.9", "Add a safety gate"],
        reviewer="SmolLM2",
    )
    text = review_markdown(review, "Evaluation rubric")
    assert "⚠ CONCERNS" in text and "reviewed by SmolLM2" in text
    assert "✔ Criteria are binary" in text and "⚠ Safety gates named (none named)" in text
    assert "**Ana** (support lead): refund policy" in text
    assert "_Would pass but still be inadequate:_ polite but wrong answers" in text
    assert "1. Fix rubric.weights" in text and "2. Add a safety gate" in text


def test_guide_excerpts_keep_each_cited_section_once():
    cited = [
        Source(source="g.md", section="A", text="first text"),
        Source(source="g.md", section="A", text="first text"),
        Source(source="g.md", section="B", text="second text"),
    ]
    text = excerpts_markdown(cited)
    assert text.count("#### `g.md` § A") == 1 and "second text" in text
    assert EXCERPTS == "guide excerpts"


def test_a_stop_with_nothing_new_points_back_instead_of_repeating():
    stop = a_stop(findings=[], can_approve=True)
    answered = a_stop(findings=[], can_approve=True, answer="Three to eight.")
    assert fingerprint(stop) == fingerprint(answered)  # an answer alone is not a new stop
    assert fingerprint(stop) != fingerprint(a_stop(drafts={"config/rubric.yaml": "changed"}))
    short = stop_markdown(answered, unchanged=True)
    assert "unchanged, as shown above" in short and "**Answer:** Three to eight." in short
    assert "Validator findings" not in short and "Guide sections cited" not in short


def test_an_unassessed_item_is_neither_ticked_nor_flagged() -> None:
    review = Review(
        verdict="CONCERNS",
        checklist=[ChecklistCheck(item="Weights sum to 1.0", ok=False, note="not assessed: x")],
        withheld=["Expert panel not run: the demo model is too small"],
    )
    text = review_markdown(review, "Input taxonomy")
    assert "- ○ Weights sum to 1.0 (not assessed: x)" in text
    assert "_Expert panel not run: the demo model is too small_" in text


def test_a_lesson_finding_is_labelled_as_advice():
    lesson = Issue(
        file="config/prompts/assistant.md",
        severity="warning",
        code="prompt.ratio_contradiction",
        message='"three times as long" asks for more than twice',
        kind="lesson",
    )
    text = stop_markdown(a_stop(findings=[lesson], can_approve=True))
    assert "(lesson: advice, does not block) `config/prompts/assistant.md`" in text
    assert "lesson" not in stop_markdown(a_stop())  # contracts carry no such label
