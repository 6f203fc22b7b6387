"""Token economics: the seed's arithmetic, transcripts, saving and the CLI."""

from __future__ import annotations

import json

import pytest

from ftdesign.agent.cli import main
from ftdesign.tools.budget import Training, cost_band, plan_budget
from ftdesign.tools.budget_io import load_budget, measure_transcripts, read_transcripts
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.tokens import count_chat, get_tokenizer


def test_seed_example_gives_28_exchanges_20_to_25_recommended():
    # 500 system + 1K buffer leave 14K; at 500 per exchange that is 28 at most.
    budget = plan_budget(system_prompt_tokens=500, tokens_per_exchange=500, ceiling=15_500)
    assert budget.max_exchanges == 28
    assert budget.recommended_exchanges == (20, 25)
    assert budget.tokens_per_example == 500 + 25 * 500
    assert (budget.cost_band, budget.cost_multiple_of_4k) == ("8-16K", round(13_000 / 4096, 2))


def test_default_ceiling_is_16k():
    budget = plan_budget(system_prompt_tokens=500)
    assert budget.ceiling == 16_384
    assert budget.max_exchanges == (16_384 - 500 - 1_000) // 500


@pytest.mark.parametrize(
    ("tokens", "band"),
    [(1, "<8K"), (8_191, "<8K"), (8_192, "8-16K"), (16_384, "8-16K"), (16_385, "16-32K"),
     (32_768, "16-32K"), (32_769, ">32K"), (200_000, ">32K")],
)  # fmt: skip
def test_cost_bands(tokens, band):
    assert cost_band(tokens)[0] == band


def test_training_cost_is_linear_in_tokens():
    training = Training(examples=1_000, epochs=3, price_per_million=2.0)
    budget = plan_budget(
        system_prompt_tokens=500, tokens_per_exchange=500, ceiling=15_500, training=training
    )
    assert budget.training_tokens == 1_000 * 3 * 13_000
    assert budget.training_cost == pytest.approx(39_000_000 / 1e6 * 2.0)


def test_prompt_larger_than_ceiling_leaves_no_exchanges():
    budget = plan_budget(system_prompt_tokens=20_000, ceiling=16_384)
    assert budget.max_exchanges == 0 and budget.recommended_exchanges == (0, 0)


def _write_jsonl(path, conversations):
    path.write_text("\n".join(json.dumps({"messages": c}) for c in conversations) + "\n")


CONVERSATIONS = [
    [{"role": "user", "content": "I can't sleep before exams."},
     {"role": "assistant", "content": "That sounds exhausting. What happens at night?"},
     {"role": "user", "content": "My mind races through everything I haven't revised."},
     {"role": "assistant", "content": "So the racing is about unfinished work."}],
    [{"role": "system", "content": "Be brief."},
     {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello."}],
]  # fmt: skip


def test_transcripts_are_measured_exactly(tmp_path, smollm2_gguf):
    path = tmp_path / "samples.jsonl"
    _write_jsonl(path, CONVERSATIONS)
    transcripts = read_transcripts(path)
    assert len(transcripts) == 2
    tokenizer = get_tokenizer(smollm2_gguf)
    stats = measure_transcripts(transcripts, tokenizer, system_prompt="You are a coach.")
    first = [{"role": "system", "content": "You are a coach."}, *CONVERSATIONS[0]]
    assert stats.example_tokens == [
        count_chat(first, tokenizer),
        count_chat(CONVERSATIONS[1], tokenizer),
    ]
    assert stats.exchanges == 3


@pytest.mark.parametrize(
    ("content", "where"),
    [("{not json", "line 1"), ('{"messages": []}', "top level"),
     ('[{"messages": [{"role": "robot", "content": "x"}]}]', "item 1, message 1")],
)  # fmt: skip
def test_bad_transcripts_are_named(tmp_path, content, where):
    path = tmp_path / "t.json"
    path.write_text(content)
    with pytest.raises(FtdesignError, match=f"t.json: {where}"):
        read_transcripts(path)


def test_cli_budget_saves_and_reports(tmp_path, capsys):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "system-prompt.md").write_text("You are a patient tutor. " * 40)
    samples = tmp_path / "samples.jsonl"
    _write_jsonl(samples, CONVERSATIONS)
    argv = ["budget", "--project", str(tmp_path), "--transcripts", str(samples),
            "--examples", "500", "--epochs", "2", "--price-per-million", "4"]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "## Token budget" in out and "measured over 3 exchanges in 2 transcripts" in out
    saved = load_budget(tmp_path)
    assert saved is not None and saved.tokenizer == "cl100k"
    assert saved.system_prompt_source.startswith("counted from")
    assert saved.training_tokens == 500 * 2 * saved.tokens_per_example
    assert main(["budget", "--project", str(tmp_path), "--no-save", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tokens_per_exchange"] == 500


def test_cli_budget_rejects_half_a_price(tmp_path, capsys):
    assert main(["budget", "--project", str(tmp_path), "--examples", "10"]) == 2
    assert "--price-per-million" in capsys.readouterr().err
