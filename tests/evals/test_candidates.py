"""Which model the baseline evaluates: --model > role settings > model-choice.md > embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftdesign.evals.candidates import resolve_candidates
from ftdesign.tools.choice_entries import ChoiceEntry, parse_entries, render_entries
from ftdesign.tools.errors import FtdesignError


def _choice(project: Path, *entries: ChoiceEntry) -> None:
    text = "# Model choice\n\n## Chosen model\n\nsee below\n\n## Candidates\n\n"
    (project / "model-choice.md").write_text(text + render_entries(list(entries)) + "\n")


@pytest.fixture
def ggufs(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "gemma.gguf", tmp_path / "smol.gguf"
    first.write_bytes(b"GGUF")
    second.write_bytes(b"GGUF")
    return first, second


def test_the_chosen_entry_comes_first_and_round_trips(ggufs: tuple[Path, Path]) -> None:
    entries = [
        ChoiceEntry(str(ggufs[1])),
        ChoiceEntry("https://host.example/v1", "big-model", chosen=True),
    ]
    parsed = parse_entries("## Candidates\n\n" + render_entries(entries))
    assert [(e.where, e.chosen, e.position) for e in parsed] == [
        ("https://host.example/v1", True, 1),
        (str(ggufs[1]), False, 0),
    ]
    assert parsed[0].role_settings(Path(".")) == {
        "base_url": "https://host.example/v1",
        "model": "big-model",
    }


def test_a_hand_written_file_names_its_model_in_chosen_model() -> None:
    text = "## Chosen model\n\n**Qwen** (`models/qwen.gguf`), 0.5B.\n\n## Candidates\n\n|x|\n"
    assert parse_entries(text) == [ChoiceEntry("models/qwen.gguf", chosen=True)]
    assert parse_entries("## Chosen model\n\nQwen, undecided.\n") == []


def test_precedence(tmp_path: Path, ggufs: tuple[Path, Path], monkeypatch) -> None:
    monkeypatch.delenv("FTDESIGN_CANDIDATE_GGUF", raising=False)
    monkeypatch.delenv("FTDESIGN_CANDIDATE_BASE_URL", raising=False)
    [embedded] = resolve_candidates(tmp_path)
    assert "embedded default" in embedded.chosen_by and embedded.settings == {}
    _choice(tmp_path, ChoiceEntry(str(ggufs[1])), ChoiceEntry(str(ggufs[0]), chosen=True))
    picks = resolve_candidates(tmp_path)
    assert [(p.label, p.position) for p in picks] == [("gemma", 1), ("smol", 0)]
    assert picks[0].chosen_by == "model-choice.md (chosen)"
    assert picks[0].settings == {"gguf": ggufs[0]}
    (tmp_path / "ftdesign.toml").write_text(f'[models.candidate]\ngguf = "{ggufs[1]}"\n')
    [configured] = resolve_candidates(tmp_path)
    assert configured.label == "smol" and "candidate role settings" in configured.chosen_by
    assert configured.settings == {}  # the role's own settings serve it
    [flag] = resolve_candidates(tmp_path, [ggufs[0]])
    assert flag.chosen_by == "--model" and flag.settings == {"gguf": ggufs[0]}


def test_a_listed_file_that_is_gone_is_named(tmp_path: Path) -> None:
    _choice(tmp_path, ChoiceEntry("gone.gguf", chosen=True))
    with pytest.raises(FtdesignError, match="gone.gguf. is not a file") as error:
        resolve_candidates(tmp_path)
    assert "fix:" in str(error.value)
