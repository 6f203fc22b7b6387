"""Finding 11: JSONL records survive line separators inside strings and a torn last line."""

from __future__ import annotations

import json

from ftdesign.agent.decisions import DECISIONS_FILE, decide, log_decision, read_decisions
from ftdesign.evals.records import RunStore
from ftdesign.tools.jsonl import append_line, numbered_lines

SEPARATORS = "\u2028 \u2029 \x85 \x0b \x0c \x1c"  # all split by str.splitlines()


def test_three_decisions_with_line_separators_read_back_as_three(tmp_path):
    for gate in ("intake", "rubric", "prompts"):
        log_decision(tmp_path, decide(gate, "approve", f"fine{SEPARATORS}really", []))
    raw = (tmp_path / DECISIONS_FILE).read_text(encoding="utf-8")
    assert "\u2028" in raw  # written raw, which is what broke splitlines()
    found = read_decisions(tmp_path)
    assert [d.gate for d in found] == ["intake", "rubric", "prompts"]
    assert found[0].rationale == f"fine{SEPARATORS}really"


def test_a_torn_last_decision_does_not_swallow_the_next(tmp_path):
    log_decision(tmp_path, decide("intake", "approve", "ok", []))
    path = tmp_path / DECISIONS_FILE
    with path.open("a", encoding="utf-8") as file:
        file.write('{"gate": "rubric", "decis')  # a crash mid-write
    log_decision(tmp_path, decide("prompts", "approve", "next", []))
    assert [d.gate for d in read_decisions(tmp_path)] == ["intake", "prompts"]


def test_a_resumed_evaluation_keeps_a_record_with_a_line_separator(tmp_path):
    store = RunStore(tmp_path)
    store.put("conversation:1", {"text": f"first{SEPARATORS}second"})
    store.put("conversation:2", {"text": "plain"})
    resumed = RunStore(tmp_path)
    assert resumed.count("conversation") == 2
    assert resumed.get("conversation:1")["text"] == f"first{SEPARATORS}second"


def test_append_after_a_torn_line_starts_fresh(tmp_path):
    path = tmp_path / "log.jsonl"
    path.write_text('{"a": 1}\n{"b":', encoding="utf-8")
    append_line(path, json.dumps({"c": 3}))
    lines = [line for _, line in numbered_lines(path.read_text(encoding="utf-8"))]
    assert lines[-1] == '{"c": 3}'
    assert json.loads(lines[0]) == {"a": 1}
