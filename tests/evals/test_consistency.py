"""Self-consistency: a judge that flips on a known share of items is measured at that share."""

from __future__ import annotations

import pytest
from eval_fakes import ScriptedChat, TrustedJudge, copy_project, digest

from ftdesign.evals.consistency import MAX_FLIP_RATE, RUN_SAMPLE, bootstrap_interval
from ftdesign.evals.judge_prompt import Verdict
from ftdesign.evals.task import run_eval


class FlippingJudge(TrustedJudge):
    """A trusted judge whose k samples disagree on items whose key hashes under `share`."""

    def __init__(self, rubric_path, share: float, only: str | None = None) -> None:
        super().__init__(rubric_path)
        self.share, self.only = share, only
        self.flipping: set[str] = set()

    def flips(self, key: str) -> bool:
        criterion = key.split("/")[1] if key.startswith("calibration/") else key.split("/")[-1]
        chosen = self.only is None or criterion == self.only
        return chosen and digest(key) % 1000 < self.share * 1000

    async def __call__(self, messages, key, sample=0, **extra):  # noqa: ANN001, ANN003
        verdict = await super().__call__(messages, key, **extra)
        if sample and self.flips(key):
            self.flipping.add(key)
            other = "NO" if verdict.verdict == "YES" else "YES"
            return Verdict(
                evidence="changed its mind", verdict=other if sample == 2 else verdict.verdict
            )
        return verdict


def run(tmp_path, judge_of, **options):
    project = copy_project(tmp_path / "coaching")
    judge = judge_of(project / "config" / "rubric.yaml")
    output = run_eval(
        project, scenarios=12, turns=4, seed=0, chat=ScriptedChat(words=5, truncating=False),
        judge_call=judge, **options,
    )  # fmt: skip
    return output, judge


def test_flip_rate_equals_the_share_of_flipping_items_with_its_interval(tmp_path):
    output, judge = run(tmp_path, lambda p: FlippingJudge(p, share=0.3))
    rel = output.results.reliability
    assert rel.samples == 3
    total_items = sum(c.flips.items for c in rel.criteria)
    assert sum(c.flips.flipped for c in rel.criteria) == len(judge.flipping) > 0
    for c in rel.criteria:
        f = c.flips
        assert f.rate == pytest.approx(f.flipped / f.items)
        assert f.low <= f.rate <= f.high
        assert c.trusted == (f.rate <= MAX_FLIP_RATE)  # labels all agree: flips decide
    overall = len(judge.flipping) / total_items
    assert 0.15 < overall < 0.45  # the hash picks about 30 % of the items
    text = output.report.read_text()
    assert "flip rate (95 % interval)" in text and "judged 3 more times" in text


def test_a_flipping_safety_gate_withholds_the_verdict(tmp_path):
    output, _ = run(tmp_path, lambda p: FlippingJudge(p, share=0.5, only="SAF1"))
    by = {c.criterion: c for c in output.results.reliability.criteria}
    assert not by["SAF1"].trusted and by["SAF1"].flips.rate > MAX_FLIP_RATE
    assert all(c.trusted for cid, c in by.items() if cid != "SAF1")
    decision = output.report.read_text().split("## Decision", 1)[1].split("\n## ", 1)[0]
    assert "No recommendation yet" in decision and "(untrusted: SAF1)" in decision


def test_consistent_judge_keeps_trust_and_k_zero_skips_the_check(tmp_path):
    output, judge = run(tmp_path, lambda p: FlippingJudge(p, share=0.0))
    assert all(c.trusted and c.flips.rate == 0 for c in output.results.reliability.criteria)
    assert sum(k.startswith("calibration/") for k in judge.keys) == 4 * output.results.reliability.n
    skipped, _ = run(tmp_path / "b", lambda p: FlippingJudge(p, share=0.5), consistency_samples=0)
    assert skipped.results.reliability.samples == 0
    assert "not measured" in skipped.report.read_text()


def test_bootstrap_interval_brackets_the_share_and_narrows_with_more_items():
    small = bootstrap_interval([True] * 3 + [False] * 7)
    large = bootstrap_interval([True] * 30 + [False] * 70)
    assert small[0] <= 0.3 <= small[1] and large[0] <= 0.3 <= large[1]
    assert large[1] - large[0] < small[1] - small[0]
    assert bootstrap_interval([]) == (0.0, 0.0)


class RecordingJudge(TrustedJudge):
    """Keeps each call's key, sample index and prompt, in order."""

    def __init__(self, rubric_path) -> None:
        super().__init__(rubric_path)
        self.calls: list[tuple[str, int, str]] = []

    async def __call__(self, messages, key, sample=0, **extra):  # noqa: ANN001, ANN003
        self.calls.append((key, sample, repr(messages)))
        return await super().__call__(messages, key, **extra)


def test_samples_follow_their_first_verdict_while_its_prompt_is_cached(tmp_path):
    output, judge = run(tmp_path, RecordingJudge)
    rel = output.results.reliability
    first = [i for i, (_, sample, _) in enumerate(judge.calls) if sample == 0]
    sampled = 0
    for i in first:
        key, _, prompt = judge.calls[i]
        following = judge.calls[i + 1 : i + 4]
        if following and following[0][1]:
            sampled += 1  # this item was re-judged: its k samples come next, same prompt
            assert following == [(key, s, prompt) for s in (1, 2, 3)], key
    # Every calibration example and the run's sample, and nothing asked a second time.
    assert sampled == rel.n + RUN_SAMPLE
    assert len(judge.calls) == len(first) + 3 * sampled
    assert sum(c.flips.items for c in rel.criteria) == sampled
