"""A capable model's reading of the prompt lessons: shown only with a sentence from the draft,
overruled by the validators where they disagree, advice only, and never asked of the demo model."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from agent_fakes import ScriptedChatModel

from ftdesign.agent.cli.render import lesson_lines
from ftdesign.agent.context import AgentContext
from ftdesign.agent.lesson_reading import with_lesson_readings
from ftdesign.agent.records import Review
from ftdesign.agent.ui.review_view import review_markdown
from ftdesign.agent.validation import validate_artifact

# Our own assistant prompt; each line states one of the four assistant lessons.
RATIO = "Keep each reply about as long as the customer's message, never more than double."
QUESTIONS = "Ask one question at most."
TENTATIVE = "Offer possible causes as guesses the customer can correct."
AVOID = 'Avoid these phrases: "Rest assured", "Per our policy", "Great question!".'
GOOD = f"# Reply writer\n\n{RATIO}\n{QUESTIONS}\n{TENTATIVE}\n{AVOID}\n"
LONG = "Replies of 5 times the customer's length are great."
BAD = GOOD.replace(RATIO, LONG)
PATH = "config/prompts/assistant.md"


def answers(*pairs: tuple[bool, str]) -> str:
    return json.dumps({"answers": [{"follows": ok, "sentence": s} for ok, s in pairs]})


def read(tmp_path: Path, draft: str, model: ScriptedChatModel | None, **ctx_args):  # type: ignore[no-untyped-def]
    models = {"agent": model} if model else {}
    ctx = AgentContext(project=tmp_path, models=models, **ctx_args)
    found = validate_artifact("assistant", draft)
    base = Review(verdict="CONCERNS", reviewer="scripted")
    result = asyncio.run(with_lesson_readings(base, ctx, {"assistant": draft}, found))
    return result, found


def test_a_cited_sentence_from_the_draft_is_shown(tmp_path: Path) -> None:
    reply = answers((True, RATIO), (True, "Ask one question at most"), (True, TENTATIVE),
                    (True, AVOID.replace('"', "“", 1)))  # fmt: skip
    review, found = read(tmp_path, GOOD, ScriptedChatModel(script={"lessons": [reply]}))
    assert [r.verdict for r in review.lessons] == ["follows"] * 4
    assert review.lessons[0].sentence == RATIO and review.lessons[0].file == PATH
    assert not [f for f in found if f.severity == "error"]
    assert "advice, does not block" in "\n".join(lesson_lines(review.lessons))
    assert f'"{RATIO}"' in review_markdown(review, "Prompts")


def test_an_invented_or_missing_citation_is_not_assessed(tmp_path: Path) -> None:
    invented = "Always keep replies short and to the point."
    reply = answers((True, invented), (True, ""), (False, "Ask"))
    review, _ = read(tmp_path, GOOD, ScriptedChatModel(script={"lessons": [reply]}))
    verdicts = [(r.verdict, r.sentence, r.note) for r in review.lessons]
    assert verdicts[0] == (
        "not assessed", "", "not assessed: the sentence the model cited is not in the draft"
    )
    no_sentence = "not assessed: the model cited no sentence of the draft"
    assert verdicts[1][2] == verdicts[2][2] == no_sentence
    assert verdicts[3][2] == "not assessed: the model gave no answer"  # it answered only three


def test_the_validators_win_where_the_model_reads_it_differently(tmp_path: Path) -> None:
    reply = answers((True, LONG), (True, QUESTIONS), (False, TENTATIVE), (True, AVOID))
    review, found = read(tmp_path, BAD, ScriptedChatModel(script={"lessons": [reply]}))
    ratio, _, tentative, _ = review.lessons
    assert "prompt.ratio_contradiction" in {f.code for f in found}
    assert ratio.verdict == "does not follow" and ratio.sentence == LONG
    assert ratio.note.startswith("the validators found: \"Replies of 5 times")
    assert ratio.note.endswith("the model read it differently")
    assert tentative.verdict == "follows"
    assert tentative.note == "the validators found it stated; the model read it differently"
    assert review.verdict == "CONCERNS" and review.suggestions == []  # nothing else changes


def test_a_failing_model_leaves_every_lesson_not_assessed(tmp_path: Path) -> None:
    review, _ = read(tmp_path, GOOD, ScriptedChatModel(failing={"lessons"}))
    assert len(review.lessons) == 4
    assert all(r.note.startswith("not assessed: the model failed") for r in review.lessons)


def test_the_demo_model_is_not_asked(tmp_path: Path) -> None:
    model = ScriptedChatModel()
    review, _ = read(tmp_path, GOOD, model, review_with_model=False)
    assert review.lessons == [] and model.count("lessons") == 0
    review, _ = read(tmp_path, GOOD, None)  # no model configured: the embedded demo model
    assert review.lessons == []
