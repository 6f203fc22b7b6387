"""`ftdesign knowledge build|search` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftdesign.agent.cli import main


def test_build_prints_a_report(built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["knowledge", "build", "--store", str(built_store), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unchanged"] == report["total"] > 0 and report["location"] == str(built_store)
    assert main(["knowledge", "build", "--store", str(built_store)]) == 0
    assert "added 0, updated 0, removed 0" in capsys.readouterr().out


def test_search_json_lists_hits(built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "knowledge",
        "search",
        "should the judge use a 1-5 scale",
        "--k",
        "2",
        "--gate",
        "rubric",
        "--json",
        "--store",
        str(built_store),
    ]
    assert main(argv) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2
    for hit in hits:
        assert {"text", "source", "section", "score"} <= set(hit)
        assert hit["gate"] == "rubric" and hit["source"] == "guides/rubric.md"


def test_search_text_output_cites_source(
    built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["knowledge", "search", "QLoRA memory", "--mode", "lexical", "--store", str(built_store)]
    assert main(argv) == 0
    assert "guides/model-selection.md >" in capsys.readouterr().out


def test_unknown_domain_exits_2_with_message(
    built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "knowledge",
        "search",
        "edge cases",
        "--domain",
        "astrology",
        "--store",
        str(built_store),
    ]
    assert main(argv) == 2
    assert "no knowledge for domain 'astrology'" in capsys.readouterr().err
