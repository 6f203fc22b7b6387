"""Human-readable findings: grouped by file, sorted by line, with a one-line total."""

from __future__ import annotations

import json
from dataclasses import asdict
from itertools import groupby

from ftdesign.tools.findings import CATALOG, Finding, summary

_ORDER = {"error": 0, "warning": 1, "info": 2}


def format_findings(findings: list[Finding], checked: int, quiet_info: bool = False) -> str:
    """`file` headers, then `  line 13  error  weights.sum  path: message` rows."""
    shown = [f for f in findings if not (quiet_info and f.severity == "info")]
    shown.sort(key=lambda f: (f.file, f.location.line or 0, _ORDER[f.severity]))
    lines: list[str] = []
    for file, group in groupby(shown, key=lambda f: f.file):
        lines.append(file or "<text>")
        for finding in group:
            where = f"line {finding.location.line}" if finding.location.line else "file"
            path = f"{finding.location.path}: " if finding.location.path else ""
            lines.append(
                f"  {where:<9} {finding.label():<7} {finding.code}  {path}{finding.message}"
            )
    verdict = "FAILED" if any(f.severity == "error" for f in findings) else "OK"
    lines.append(f"{verdict}: {summary(findings)} ({checked} path(s) checked)")
    return "\n".join(lines)


def print_findings(findings: list[Finding], checked: int, quiet_info: bool = False) -> None:
    print(format_findings(findings, checked, quiet_info))


def print_rules(as_json: bool = False) -> None:
    """Every rule the validators apply (tools.validators must be imported first)."""
    rules = sorted(CATALOG.values(), key=lambda r: r.code)
    if as_json:
        print(json.dumps([asdict(r) for r in rules], indent=2))
        return
    for item in rules:
        print(f"{item.code:<34} {item.severity:<8} {item.kind:<9} {item.summary}")
