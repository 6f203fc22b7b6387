"""The run's checkpoint: an append-only JSONL file of finished work.

Every finished conversation, judgment and calibration label is one line, written
with flush + fsync, so a crash loses at most the request in flight. A torn last
line (the crash hit mid-write) is ignored on load. The folder is named by a hash
of the run's settings: the same settings resume, different ones start fresh.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ftdesign.tools.jsonl import append_line, numbered_lines

RUNS = Path(".ftdesign") / "eval"


def run_key(settings: dict[str, Any]) -> str:
    """Stable short hash of the settings that decide a run's outputs."""
    canonical = json.dumps(settings, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def record_key(kind: str, *parts: object) -> str:
    return ":".join([kind, *(str(p) for p in parts)])


class RunStore:
    """Finished records of one run, keyed by `record_key`; later lines win."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "records.jsonl"
        self.records: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            self._load()

    def _load(self) -> None:
        text = self.path.read_text(encoding="utf-8")
        for _, line in numbered_lines(text):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line torn by a crash; its work is simply redone
            if isinstance(record, dict) and "key" in record:
                self.records[record["key"]] = record

    def get(self, key: str) -> dict[str, Any] | None:
        return self.records.get(key)

    def put(self, key: str, data: dict[str, Any]) -> dict[str, Any]:
        """Store one finished record durably before anyone relies on it."""
        record = {"key": key, **data}
        append_line(self.path, json.dumps(record, ensure_ascii=False))
        self.records[key] = record
        return record

    def count(self, kind: str) -> int:
        return sum(1 for key in self.records if key.startswith(kind + ":"))
