"""A capable model's reading of the seed's prompt lessons: advice shown at the stop.

The validators read the lessons with patterns (tools/prose_lessons.py) and stay the ground
truth. When a capable agent model reviews, it is also asked, per lesson that applies to a
prompt, whether the text follows it and which sentence says so. A judgment is shown only
when that sentence is in the draft and passes agent/sanity.py; otherwise "not assessed"
with the reason. Where the model and a validator disagree, the validator's reading is
shown and the note says the model read it differently. Nothing here blocks approval.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from ftdesign.agent.context import AgentContext
from ftdesign.agent.honest_review import review_by_model
from ftdesign.agent.llm import ask_structured
from ftdesign.agent.prompts import REVIEWED_CHARS
from ftdesign.agent.records import Issue, LessonReading, Review
from ftdesign.agent.sanity import rejection
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.documents import PROMPT_LESSONS, Lesson
from ftdesign.tools.validators.prompts import CONTRADICTS

LESSON_READER = (
    "You check one prompt against numbered lessons. For each lesson, in order, say whether"
    " the prompt follows it (follows true or false) and copy, word for word, the one"
    " sentence of the prompt that shows it (empty when no sentence does)."
)
ATTEMPTS = 2
MIN_CITED_WORDS = 3  # "Ask" or "one question" occurs in many drafts and shows nothing
MAX_LESSONS = max(len(items) for items in PROMPT_LESSONS.values())
Line = Annotated[str, AfterValidator(lambda text: " ".join(text.split()))]
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'"})


class LessonAnswer(BaseModel):
    follows: bool
    sentence: Line = Field(default="", max_length=240)


class LessonAnswers(BaseModel):
    """What the model returns; answers pair with the lessons by position."""

    answers: list[LessonAnswer] = Field(max_length=MAX_LESSONS)


def normalised(text: str) -> str:
    """Lower case, straight quotes, single spaces, no Markdown list or emphasis marks."""
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+", " ", text.translate(_QUOTES))
    return " ".join(text.replace("**", "").replace("__", "").lower().split())


def citation_problem(sentence: str, draft: str) -> str | None:
    """Why the cited sentence cannot be shown as where the draft says it, or None."""
    cited = normalised(sentence).strip(" .;:'\"")
    if len(cited.split()) < MIN_CITED_WORDS:
        return "the model cited no sentence of the draft"
    if cited not in normalised(draft):
        return "the sentence the model cited is not in the draft"
    return rejection(sentence, draft)


def _validators_say(code: str, path: str, found: list[Issue]) -> Issue | None:
    for issue in found:
        if issue.file == path and (issue.code == code or CONTRADICTS.get(issue.code) == code):
            return issue
    return None


def judged(lesson: Lesson, answer: LessonAnswer | None, draft: str, path: str,
           found: list[Issue]) -> LessonReading:  # fmt: skip
    """One lesson's reading: the model's when its citation holds, the validators' on dispute."""
    reading = LessonReading(file=path, code=lesson.code, lesson=lesson.description,
                            verdict="not assessed")  # fmt: skip
    problem = citation_problem(answer.sentence, draft) if answer else "the model gave no answer"
    if answer is None or problem:
        return reading.model_copy(update={"note": f"not assessed: {problem}"})
    finding = _validators_say(lesson.code, path, found)
    cited = {"sentence": answer.sentence}
    if answer.follows == (finding is None):
        return reading.model_copy(
            update={**cited, "verdict": "follows" if answer.follows else "does not follow"}
        )
    validators = f"the validators found: {finding.message}" if finding else (
        "the validators found it stated")  # fmt: skip
    return reading.model_copy(update={
        **cited,
        "verdict": "follows" if finding is None else "does not follow",
        "note": f"{validators}; the model read it differently",
    })  # fmt: skip


def reading_messages(lessons: list[Lesson], draft: str) -> list:
    from langchain_core.messages import HumanMessage, SystemMessage

    numbered = "\n".join(f"{n}. {item.description}" for n, item in enumerate(lessons, 1))
    return [
        SystemMessage(LESSON_READER),
        HumanMessage(f"Lessons:\n{numbered}\n\nPrompt:\n{draft[:REVIEWED_CHARS]}"),
    ]


async def read_prompt(ctx: AgentContext, kind: str, draft: str, found: list[Issue]
                      ) -> list[LessonReading]:  # fmt: skip
    lessons = PROMPT_LESSONS.get(kind, [])
    if not lessons:
        return []
    path = ARTIFACTS[kind].path
    try:
        reply = await ask_structured(
            ctx, LessonAnswers, reading_messages(lessons, draft), ctx.review_max_tokens,
            attempts=ATTEMPTS,
        )  # fmt: skip
        answers: list[LessonAnswer | None] = list(reply.answers)
    except FtdesignError as error:
        failed = f"not assessed: the model failed ({error.message[:120]})"
        return [LessonReading(file=path, code=item.code, lesson=item.description,
                              verdict="not assessed", note=failed) for item in lessons]  # fmt: skip
    answers += [None] * (len(lessons) - len(answers))
    return [judged(item, answers[n], draft, path, found) for n, item in enumerate(lessons)]


async def with_lesson_readings(
    review: Review | None, ctx: AgentContext, texts: dict[str, str], found: list[Issue]
) -> Review | None:
    """The review with the model's lesson readings added; unchanged without a capable model."""
    if review is None or not review_by_model(ctx):
        return review
    readings: list[LessonReading] = []
    for kind, draft in texts.items():
        readings += await read_prompt(ctx, kind, draft, found)
    return review.model_copy(update={"lessons": readings}) if readings else review
