"""Every validator rule, tripped by one input and not by a close, corrected one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from artifact_samples import VALID, dump, text_of
from validator_cases import CASES, Case, Project

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.findings import CATALOG, Finding
from ftdesign.tools.validators import validate_path, validate_project, validate_text


def findings_for(kind: str, content: Any, folder: Path) -> list[Finding]:
    if isinstance(content, Project):
        for relpath, text in content.files.items():
            (folder / relpath).parent.mkdir(parents=True, exist_ok=True)
            (folder / relpath).write_text(text, encoding="utf-8")
        return validate_project(folder)
    if isinstance(content, bytes):
        path = folder / Path(ARTIFACTS[kind].path).name  # type: ignore[index]
        path.write_bytes(content)
        return validate_path(path)
    text = content if isinstance(content, str) else dump(content)
    return validate_text(text, kind, ARTIFACTS[kind].path)  # type: ignore[index]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_trips_on_bad_input(case: Case, tmp_path: Path) -> None:
    findings = findings_for(case.kind, case.bad, tmp_path)
    hits = [f for f in findings if f.code == case.code]
    assert hits, f"{case.code} not reported; got {[f.code for f in findings]}"
    assert all(f.severity == CATALOG[case.code].severity for f in hits)
    assert all(f.message and "; " in f.message for f in hits)  # problem; fix


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_quiet_on_corrected_input(case: Case, tmp_path: Path) -> None:
    findings = findings_for(case.kind, case.good, tmp_path)
    assert case.code not in [f.code for f in findings]


def test_every_rule_in_the_catalog_has_a_case() -> None:
    assert set(CATALOG) - {case.code for case in CASES} == set()


@pytest.mark.parametrize("kind", list(ARTIFACTS))
def test_valid_samples_have_no_errors_or_warnings(kind: str) -> None:
    text = dump(VALID[kind]) if kind in VALID else text_of(kind)
    findings = validate_text(text, kind, ARTIFACTS[kind].path)
    assert [f for f in findings if f.severity != "info"] == []


def test_yaml_findings_carry_a_line() -> None:
    for case in CASES:
        if case.kind in VALID and not isinstance(case.bad, bytes | Project):
            text = case.bad if isinstance(case.bad, str) else dump(case.bad)
            for finding in validate_text(text, case.kind):
                if finding.code != "yaml.empty":
                    assert finding.location.line is not None, (case.id, finding)
