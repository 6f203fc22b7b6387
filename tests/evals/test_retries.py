"""Candidate replies may run to twice the limit, asked once; unparseable judge answers get more
rounds."""

from __future__ import annotations

import asyncio

import pytest
from eval_fakes import DOMAIN, ScriptedChat, ScriptedJudge, copy_project

from ftdesign.evals.dataset import build_dataset
from ftdesign.evals.judge_prompt import Verdict
from ftdesign.evals.project import load_project
from ftdesign.evals.scorer import JUDGE_MAX_TOKENS, JUDGE_ROUNDS, ask
from ftdesign.evals.solver import Limits, Prompts, simulate
from ftdesign.evals.task import run_eval
from ftdesign.models.client import Completion
from ftdesign.tools.errors import FtdesignError

PROJECT = load_project(DOMAIN)
SAMPLE = build_dataset(PROJECT.taxonomy, PROJECT.personas, 3, 0)[0]
CUT = "model role judge: no valid Verdict after 3 attempt(s); last problem: the reply was"
CUT += " cut off at max_tokens before the JSON was complete."


class CutBelow(ScriptedChat):
    """Candidate replies need `needed` tokens: any smaller limit stops at 'length'."""

    def __init__(self, needed: int, prompt_tokens: int = 50) -> None:
        super().__init__(truncating=False)
        self.needed, self.prompt_tokens = needed, prompt_tokens

    async def __call__(self, role, messages, seed, max_tokens):  # noqa: ANN001
        reply = await super().__call__(role, messages, seed, max_tokens)
        limit = 100 if max_tokens is None else max_tokens  # None: the settings' 100
        if role != "candidate":
            return reply
        if limit >= self.needed:
            return Completion(reply.text, "stop", self.prompt_tokens, self.needed, "scripted")
        return Completion(reply.text, "length", self.prompt_tokens, limit, "scripted")


def converse(chat, limits: Limits):
    prompts = Prompts(user_sim="{{persona}}", system="SYSTEM")
    return asyncio.run(simulate(SAMPLE, prompts, chat, turns=2, limits=limits))


def test_a_reply_may_run_to_twice_the_limit_in_one_request():
    chat = CutBelow(needed=150)
    transcript = converse(chat, Limits(100, 100))
    limits = [c[3] for c in chat.calls if c[0] == "candidate"]
    assert limits == [200, 200]  # one request per reply: nothing is generated twice
    replies = [m for m in transcript.messages if m.role == "assistant"]
    assert all(m.past_limit and not m.truncated for m in replies)
    assert transcript.truncated_replies == []


def test_a_reply_still_cut_at_twice_the_settings_limit_is_marked():
    chat = CutBelow(needed=1000)
    transcript = converse(chat, Limits(None, 100))  # no limit asked for: the settings' 100
    assert [c[3] for c in chat.calls if c[0] == "candidate"] == [200, 200]
    assert transcript.truncated_replies == [1, 2]
    short = CutBelow(needed=50)
    replies = converse(short, Limits(100, 100)).messages[1::2]
    assert not any(m.past_limit or m.truncated for m in replies)


def test_still_cut_conversations_are_reported_and_excluded(tmp_path):
    project = copy_project(tmp_path / "coaching")
    output = run_eval(
        project, scenarios=3, turns=1, chat=CutBelow(needed=10_000), judge_call=ScriptedJudge(),
        candidate_max_tokens=64,
    )  # fmt: skip
    text = output.report.read_text()
    assert "3 reply(ies) were still cut at twice the limit" in text
    assert "- s001: reply at exchange 1 still cut at twice the token limit" in text


class CutJudge:
    """Fails as cut off below `needed` tokens, or always with another problem."""

    def __init__(self, needed: int | None) -> None:
        self.needed, self.calls = needed, []

    async def __call__(self, messages, key, attempt=0, max_tokens=JUDGE_MAX_TOKENS):  # noqa: ANN001
        self.calls.append((attempt, max_tokens))
        if self.needed is None:
            raise FtdesignError("model role judge: no valid Verdict; last problem: not JSON")
        if max_tokens < self.needed:
            raise FtdesignError(CUT)
        return Verdict(evidence="fine", verdict="YES")


def test_a_judge_cut_off_gets_a_larger_token_limit():
    judge = CutJudge(needed=600)
    judgment = asyncio.run(ask(judge, [{"role": "user", "content": "x"}], "NAT1", "s001/NAT1"))
    assert judgment.answer == "YES"
    assert judge.calls == [(0, JUDGE_MAX_TOKENS), (1, 512), (2, 1024)]


@pytest.mark.parametrize("needed", [None, 5000])
def test_a_judge_that_never_parses_gives_error_after_bounded_rounds(needed):
    judge = CutJudge(needed=needed)
    judgment = asyncio.run(ask(judge, [{"role": "user", "content": "x"}], "NAT1", "s001/NAT1"))
    assert judgment.answer == "ERROR" and len(judge.calls) == JUDGE_ROUNDS
    assert f"after {JUDGE_ROUNDS} rounds" in (judgment.error or "")
