"""model-choice.md drafted from real GGUF facts carries every required section and factor."""

from __future__ import annotations

from ftdesign.agent.cli import main
from ftdesign.tools.budget import plan_budget
from ftdesign.tools.budget_io import save_budget
from ftdesign.tools.gguf_facts import inspect_gguf
from ftdesign.tools.model_choice import Candidate, ChoiceInputs, checklist, render_model_choice
from ftdesign.tools.project_files import list_versions
from ftdesign.tools.schemas.documents import MODEL_FACTORS, REQUIRED_SECTIONS, sections


def test_document_has_sections_factors_and_budget(smollm2_gguf, gemma_gguf):
    inputs = ChoiceInputs(
        candidates=[
            Candidate(facts=inspect_gguf(gemma_gguf), base_pass_rate=0.4, speed_tok_s=40),
            Candidate(facts=inspect_gguf(smollm2_gguf)),
        ],
        train_seq_len=4096,
        training_memory_gb=2.0,
        budget=plan_budget(system_prompt_tokens=500),
    )
    text = render_model_choice(inputs)
    found = sections(text)
    for heading in [*REQUIRED_SECTIONS["model_choice"], "Token budget"]:
        assert heading.lower() in found, heading
    for factor in MODEL_FACTORS:
        assert f"| {factor} |" in found["candidates"]
    assert "40% base pass rate" in found["candidates"]
    assert "not measured yet" in found["candidates"]  # SmolLM2 has no pass rate: open item
    assert "4.29 GB at 4,096 tokens" in found["candidates"]
    assert f"vs {smollm2_gguf.stem}:" in found["tradeoffs"]


def test_checklist_ticks_only_proven_items(gemma_gguf):
    facts = inspect_gguf(gemma_gguf)
    unproven = dict((text.split(" ")[0], ok) for ok, text in checklist(
        ChoiceInputs(candidates=[Candidate(facts=facts)], training_memory_gb=2.0)
    ))  # fmt: skip
    assert unproven["Base"] is False and unproven["Speed"] is False
    assert unproven["Training"] is False  # 4.29 GB of logits does not fit in 2 GB
    assert unproven["Context"] is True and unproven["Quantized"] is True
    fitted = checklist(ChoiceInputs(candidates=[Candidate(facts=facts)], training_memory_gb=8))
    assert [ok for ok, text in fitted if text.startswith("Training")] == [True]


def test_cli_choose_writes_through_history(tmp_path, smollm2_gguf, gemma_gguf, capsys):
    save_budget(tmp_path, plan_budget(system_prompt_tokens=500))
    argv = ["choose", str(gemma_gguf), str(smollm2_gguf), "--project", str(tmp_path),
            "--chosen", "2", "--pass-rate", "0.5", "0.3", "--speed", "40", "78"]  # fmt: skip
    assert main(argv) == 0
    written = (tmp_path / "model-choice.md").read_text()
    assert "## Token budget" in written and "30% base pass rate" in written
    assert main([*argv, "--rationale", "Smaller vocabulary wins."]) == 0
    assert len(list_versions(tmp_path, "model-choice.md")) == 1
    assert main([*argv[:-4], "--pass-rate", "80"]) == 2
    assert "fractions 0-1" in capsys.readouterr().err
