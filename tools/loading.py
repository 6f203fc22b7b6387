"""Artifact text -> model, with findings (file, YAML path, line) instead of tracebacks.

`parse_text` is for drafts (the agent's, a pasted file): it never raises and
returns `(model or None, findings)`. `load_artifact` is for code that needs the
model: it raises one FtdesignError naming the file, field and line. YAML kinds
give pydantic models (`TaxonomyFile` for the taxonomy, so extra sections such
as `turn_ranges` survive a round trip); Markdown kinds give their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ftdesign.tools.artifacts import ARTIFACTS, Kind, kind_of
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.findings import Finding, Location, SourceError, under
from ftdesign.tools.schema_errors import WRONG_TYPE, translate
from ftdesign.tools.schema_hints import describe, fix_for
from ftdesign.tools.schemas import TaxonomyFile
from ftdesign.tools.text_source import check_text, read_source
from ftdesign.tools.yaml_source import YamlDocument, parse_yaml

# Derived from the step declarations: the YAML kinds, their models and root keys.
YAML_MODELS: dict[str, Any] = {a.kind: a.schema for a in ARTIFACTS.values() if a.is_yaml}
ROOT_KEYS = {a.kind: a.root for a in ARTIFACTS.values() if a.is_yaml}


@dataclass
class Parsed:
    """One artifact read so far: model (or text), findings, and where things are."""

    kind: Kind
    source: str
    text: str
    model: Any = None
    findings: list[Finding] = field(default_factory=list)
    document: YamlDocument | None = None
    root: str = ""  # the root key (`taxonomy`) when the body sits under one

    def locate(self, findings: list[Finding]) -> list[Finding]:
        """Add file, root prefix and line to findings whose paths are body-relative."""
        located = []
        for finding in findings:
            path = under(self.root, finding.location.path)
            line = finding.location.line
            if line is None and self.document is not None:
                line = self.document.line_of(path)
            location = Location(path=path, line=line)
            located.append(finding.model_copy(update={"file": self.source, "location": location}))
        return located


def check_kind(kind: str) -> Kind:
    if kind not in ARTIFACTS:
        raise FtdesignError(
            f"unknown artifact kind '{kind}'", hint=f"use one of: {', '.join(ARTIFACTS)}"
        )
    return kind


def parse(text: str, kind: str, source: str = "<text>") -> Parsed:
    """Read `text` as artifact `kind`; content problems become findings, never exceptions.

    Only an unknown `kind` raises (FtdesignError): that is a caller's mistake.
    """
    parsed = Parsed(kind=check_kind(kind), source=source, text=text)
    try:
        check_text(text, source)
        if kind not in YAML_MODELS:
            parsed.model = text
            return parsed
        parsed.document = parse_yaml(text, source)
    except SourceError as error:
        parsed.findings = [error.finding.model_copy(update={"file": source})]
        return parsed
    document = parsed.document
    parsed.root, schema_findings = _build_model(parsed, document.data)
    parsed.findings = [_placed(f, source, document) for f in document.duplicates + schema_findings]
    return parsed


def _build_model(parsed: Parsed, data: Any) -> tuple[str, list[Finding]]:
    root = ROOT_KEYS[parsed.kind]
    rooted = isinstance(data, dict) and root in data
    body = data[root] if rooted else data
    if rooted and not isinstance(body, dict):
        problem = f"expected a mapping (`key: value` lines) under '{root}:', found {describe(body)}"
        return root, [WRONG_TYPE.at(root, problem, fix_for("dict_type", body, {}))]
    model = YAML_MODELS[parsed.kind]
    try:
        parsed.model = model.from_data(data)
    except ValidationError as error:
        prefix = (root,) if rooted else ()
        skip = 1 if model is TaxonomyFile else 0  # TaxonomyFile reports under 'taxonomy'
        return root if rooted else "", translate(error, body, prefix, model, skip)
    return (root if rooted else ""), []


def _placed(finding: Finding, source: str, document: YamlDocument) -> Finding:
    """File name and line for a finding whose path is already the file's own."""
    path, line = finding.location.path, finding.location.line
    location = Location(path=path, line=line if line is not None else document.line_of(path))
    return finding.model_copy(update={"file": source, "location": location})


def parse_text(text: str, kind: str, source: str = "<text>") -> tuple[Any, list[Finding]]:
    """(model or text, findings); the model is None when the text cannot be one."""
    parsed = parse(text, kind, source)
    return parsed.model, parsed.findings


def read_parsed(path: Path | str, kind: str | None = None) -> Parsed:
    """Read and parse a file; FtdesignError only when it cannot be opened at all."""
    path = Path(path)
    kind = kind or kind_of(path)
    if not path.exists():
        raise FtdesignError(f"{path}: no such file", hint="check the path (or run `ftdesign init`)")
    if kind is None:
        raise FtdesignError(
            f"{path}: cannot tell which artifact this is from its name",
            hint=f"rename it as in the seed's layout or pass --kind ({', '.join(ARTIFACTS)})",
        )
    check_kind(kind)
    try:
        text = read_source(path)
    except SourceError as error:
        return Parsed(kind=check_kind(kind), source=str(path), text="", findings=[error.finding])
    return parse(text, kind, str(path))


def load_artifact(path: Path | str, kind: str | None = None) -> Any:
    """The artifact's model (YAML kinds) or text (Markdown kinds), or one clear error."""
    parsed = read_parsed(path, kind)
    errors = [f for f in parsed.findings if f.severity == "error"]
    if parsed.model is None or (errors and parsed.kind in YAML_MODELS):
        lines = [
            f"  {'line ' + str(f.location.line) if f.location.line else 'file'}"
            f"{' (' + f.location.path + ')' if f.location.path else ''}: {f.message}"
            for f in errors[:5]
        ]
        more = f"\n  ... and {len(errors) - 5} more" if len(errors) > 5 else ""
        raise FtdesignError(
            f"{parsed.source} is not a valid {ARTIFACTS[parsed.kind].title.lower()}:\n"
            + "\n".join(lines)
            + more,
            hint=f"fix the lines above; `ftdesign validate {parsed.source}` lists every finding",
        )
    return parsed.model
