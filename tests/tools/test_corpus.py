"""The validators over a corpus of artifacts we wrote in many voices, each marked good or bad.

Reports false errors on the good ones (target 0: a good artifact written in other words must
never be blocked) and detection on the bad ones (target 100 %: every listed defect, each
contradiction included, is reported by a finding with its own code), and prints both.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from ftdesign.tools.validators import validate_text

CORPUS = Path(__file__).parent / "corpus"
INDEX: dict[str, dict] = yaml.safe_load((CORPUS / "index.yaml").read_text(encoding="utf-8"))


def test_corpus_is_large_and_varied() -> None:
    assert len(INDEX) >= 40
    assert {entry["kind"] for entry in INDEX.values()} >= {"assistant", "user_sim", "persona"}
    assert sum(1 for e in INDEX.values() if e.get("good")) >= 20
    assert all((CORPUS / name).is_file() for name in INDEX)


def test_no_false_errors_and_every_defect_detected(capsys: pytest.CaptureFixture[str]) -> None:
    good = {n: e for n, e in INDEX.items() if e.get("good")}
    bad = {n: e for n, e in INDEX.items() if not e.get("good")}
    false_errors: list[str] = []
    false_warnings: list[str] = []
    missed: list[str] = []
    expected = 0
    for name, entry in INDEX.items():
        text = (CORPUS / name).read_text(encoding="utf-8")
        findings = validate_text(text, entry["kind"], name)
        codes = {f.code for f in findings}
        if name in good:
            allowed = set(entry.get("warns", []))
            false_errors += [f"{name}: {f.code}" for f in findings if f.severity == "error"]
            false_warnings += [
                f"{name}: {f.code}"
                for f in findings
                if f.severity == "warning" and f.code not in allowed
            ]
        for defect in entry.get("defects", []):
            expected += 1
            missed += [f"{name}: {defect}"] if defect not in codes else []
    detected = expected - len(missed)
    report = (
        f"\ncorpus: {len(good)} good, {len(bad)} bad; false errors on good: {len(false_errors)}"
        f" ({len(false_warnings)} unexpected warnings); defects detected: {detected}/{expected}"
        f" ({detected / expected:.0%})\n"
    )
    with capsys.disabled():  # the numbers show in every run, not only with -s
        sys.stdout.write(report)
    assert false_errors == [], false_errors
    assert false_warnings == [], false_warnings
    assert missed == [], missed


def test_contradictions_quote_their_sentence() -> None:
    for name, entry in INDEX.items():
        text = (CORPUS / name).read_text(encoding="utf-8")
        for finding in validate_text(text, entry["kind"], name):
            if finding.code.endswith("_contradiction"):
                quoted = finding.message.split('"')[1]
                assert quoted and " ".join(quoted.split()[:3]) in " ".join(text.split()), name
