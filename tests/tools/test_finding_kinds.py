"""Every finding carries its rule's kind from the catalogue; only contracts are errors."""

from __future__ import annotations

from pathlib import Path

import yaml

from ftdesign.tools.findings import CATALOG, Finding
from ftdesign.tools.validators import validate_text

CORPUS = Path(__file__).parent / "corpus"
INDEX: dict[str, dict] = yaml.safe_load((CORPUS / "index.yaml").read_text(encoding="utf-8"))


def corpus_findings() -> list[Finding]:
    found: list[Finding] = []
    for name, entry in INDEX.items():
        found += validate_text((CORPUS / name).read_text(encoding="utf-8"), entry["kind"], name)
    return found


def test_every_corpus_finding_has_the_kind_its_rule_declares() -> None:
    findings = corpus_findings()
    kinds = {f.kind for f in findings}
    assert kinds == {"contract", "lesson"}, kinds  # the corpus exercises both kinds
    wrong = [f"{f.file}: {f.code} is {f.kind}" for f in findings if f.kind != CATALOG[f.code].kind]
    assert wrong == []


def test_only_contracts_are_errors() -> None:
    findings = corpus_findings()
    assert any(f.severity == "error" for f in findings)
    assert all(f.kind == "contract" for f in findings if f.severity == "error")


def test_a_lesson_is_labelled_as_advice_that_does_not_block() -> None:
    text = (CORPUS / "b01-cooking-ratio.md").read_text(encoding="utf-8")
    lesson = next(f for f in validate_text(text, "assistant") if f.kind == "lesson")
    assert lesson.label() == "warning (lesson: advice, does not block)"
    assert lesson.model_dump()["kind"] == "lesson"
    text = (CORPUS / "v02-word-min.md").read_text(encoding="utf-8")
    contract = next(f for f in validate_text(text, "user_sim") if f.severity == "error")
    assert contract.kind == "contract" and contract.label() == "error"
