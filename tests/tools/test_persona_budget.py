"""The persona word-limit lesson holds a style's max against gate 2's per-exchange budget when
the project has one, else the default 500-token exchange, and says which it used."""

from __future__ import annotations

from pathlib import Path

from ftdesign.tools.budget import plan_budget
from ftdesign.tools.budget_io import BUDGET_FILE, save_budget
from ftdesign.tools.validators import validate_path, validate_text

CORPUS = Path(__file__).parent / "corpus"
# Our own template; 'detailed' allows 300 words: inside the default exchange (about 375
# words) but over a measured budget of 200 tokens per exchange (about 150 words).
TEMPLATE = (CORPUS / "p01-pairs.yaml").read_text(encoding="utf-8").replace("[80, 200]", "[80, 300]")


def word_range_messages(findings) -> list[str]:
    return [f.message for f in findings if f.code == "persona.word_limit_range"]


def write_project(root: Path, tokens_per_exchange: float | None) -> Path:
    path = root / "config" / "persona-template.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(TEMPLATE, encoding="utf-8")
    if tokens_per_exchange is not None:
        budget = plan_budget(system_prompt_tokens=500, tokens_per_exchange=tokens_per_exchange)
        save_budget(root, budget)
    return path


def test_without_gate_2_the_default_exchange_is_used_and_named(tmp_path: Path) -> None:
    path = write_project(tmp_path, None)
    assert word_range_messages(validate_path(path)) == []  # 300 words fit 500 tokens
    huge = TEMPLATE.replace("[80, 300]", "[80, 390]")
    [message] = word_range_messages(validate_text(huge, "persona", project=tmp_path))
    assert "the default 500-token exchange, since gate 2 has no budget yet" in message
    assert "about 375 words" in message and "detailed: {min: 80, max: 375}" in message


def test_gate_2_budget_is_used_and_named(tmp_path: Path) -> None:
    path = write_project(tmp_path, 200)
    [message] = word_range_messages(validate_path(path))
    assert "gate 2's budget of 200 tokens per exchange (about 150 words)" in message
    assert "'detailed' allows 300 words" in message
    assert "detailed: {min: 80, max: 150}" in message  # the fix fits the measured budget
    assert word_range_messages(validate_text(TEMPLATE, "persona")) == []  # no project: default
    assert word_range_messages(validate_path(tmp_path)) == [message]  # the whole project too


def test_a_damaged_budget_file_falls_back_to_the_default_and_says_so(tmp_path: Path) -> None:
    write_project(tmp_path, None)
    (tmp_path / BUDGET_FILE).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / BUDGET_FILE).write_text("{not json", encoding="utf-8")
    huge = TEMPLATE.replace("[80, 300]", "[80, 390]")
    [message] = word_range_messages(validate_text(huge, "persona", project=tmp_path))
    assert "default 500-token exchange, since gate 2's budget file cannot be read" in message
