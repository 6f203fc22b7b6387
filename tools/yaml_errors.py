"""YAML syntax errors as findings: the line, the parser's complaint, a likely fix."""

from __future__ import annotations

import yaml

from ftdesign.tools.findings import Finding, rule

SYNTAX = rule("yaml.syntax", "error", "the file is well-formed YAML")

# Substrings of PyYAML/libyaml problems -> the fix that usually resolves them.
_FIXES = [
    ("tab character", "indent with spaces; YAML does not allow tabs for indentation"),
    ("found character '\\t'", "indent with spaces; YAML does not allow tabs for indentation"),
    ("cannot start any token", "indent with spaces, and quote values starting with @ or `"),
    ("mapping values are not allowed", "quote the value (it contains ': ') or fix the indentation"),
    ("expected a single document", "keep one document per file: remove the extra '---'"),
    ("undefined alias", "define the &anchor before using its *alias, or write the value out"),
    ("could not find expected ':'", "add ':' after the key, or quote a text spanning lines"),
    ("did not find expected key", "line the keys up at the same indentation"),
    ("did not find expected '-' indicator", "line the list items up at the same indentation"),
    ("found unhashable key", "use plain text as keys, not lists or mappings"),
    ("control characters are not allowed", "remove the invisible control character"),
    ("special characters are not allowed", "remove the invisible control character"),
    ("unacceptable character", "remove the invisible control character"),
    ("found unknown escape character", "use single quotes, or escape the backslash as \\\\"),
    ("maximum nesting depth", "flatten the structure; artifacts nest only a few levels"),
    ("found undefined tag handle", "remove the '!' tag or quote the value"),
    ("could not determine a constructor", "remove the '!' tag or quote the value"),
]
_DEFAULT_FIX = "check indentation, ':' after keys and quotes around texts with ':' or '#'"


def syntax_finding(error: yaml.MarkedYAMLError, source: str) -> Finding:
    """One finding at the line where the parser gave up."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    problem = " ".join(p for p in (error.context, error.problem) if p) or "invalid YAML"
    text = f"{problem} {error.note or ''}"
    fix = next((fix for needle, fix in _FIXES if needle in text), _DEFAULT_FIX)
    column = f", column {mark.column + 1}" if mark else ""
    where = f"line {line}{column}" if line else "somewhere in the file"
    return SYNTAX.at("", f"YAML syntax error at {where}: {problem}", fix, line=line, file=source)
