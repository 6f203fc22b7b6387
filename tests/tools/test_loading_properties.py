"""Property-based: whatever arrives, the loaders answer with findings or one FtdesignError."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from artifact_samples import VALID, dump
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.findings import CATALOG, Finding, split_path, yaml_path
from ftdesign.tools.loading import load_artifact, parse_text
from ftdesign.tools.validators import validate_path, validate_text

KINDS = list(ARTIFACTS)
YAML_KINDS = list(VALID)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)
yaml_fragments = st.lists(
    st.sampled_from(
        [
            "- ",
            ": ",
            "&a ",
            "*a ",
            "[",
            "]",
            "{",
            "}",
            "\n",
            "  ",
            "\t",
            "topics",
            "weight",
            "0.5",
            "-1",
            ".nan",
            "!!str ",
            "!!python/none ",
            "'",
            '"',
            "# c",
            "---\n",
            "<<: *a",
            "? ",
            "null",
            "yes",
            "2024-13-45",
            "|\n",
            ">-\n",
            "%YAML 1.1\n",
            "\x00",
            "\ufeff",
        ]
    ),  # fmt: skip
    max_size=40,
).map("".join)


def _well_formed(findings: list[Finding]) -> None:
    for finding in findings:
        assert finding.code in CATALOG
        assert finding.severity == CATALOG[finding.code].severity
        assert finding.message


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), yaml_fragments), kind=st.sampled_from(KINDS))
def test_any_text_gives_findings(text: str, kind: str) -> None:
    model, findings = parse_text(text, kind, "draft")
    assert model is not None or any(f.severity == "error" for f in findings)
    _well_formed(validate_text(text, kind, "draft"))


@SETTINGS
@given(data=structures, kind=st.sampled_from(YAML_KINDS))
def test_any_structure_gives_findings(data: Any, kind: str) -> None:
    _well_formed(validate_text(yaml.safe_dump(data), kind))


def _leaf_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    children: Any = []
    if isinstance(data, dict):
        children = data.items()
    elif isinstance(data, list):
        children = enumerate(data)
    paths = [prefix] if prefix else []
    for key, value in children:
        paths += _leaf_paths(value, (*prefix, key))
    return paths


@SETTINGS
@given(kind=st.sampled_from(YAML_KINDS), choice=st.data(), value=structures)
def test_valid_artifacts_with_one_part_replaced(kind: str, choice: Any, value: Any) -> None:
    data = copy.deepcopy(VALID[kind])
    path = choice.draw(st.sampled_from(_leaf_paths(data)))
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    _well_formed(validate_text(dump(data), kind))


@SETTINGS
@given(raw=st.binary(max_size=600), kind=st.sampled_from(KINDS))
def test_any_bytes_in_a_file(tmp_path_factory: Any, raw: bytes, kind: str) -> None:
    folder: Path = tmp_path_factory.mktemp("bytes")
    path = folder / Path(ARTIFACTS[kind].path).name  # type: ignore[index]
    path.write_bytes(raw)
    _well_formed(validate_path(path))
    try:
        load_artifact(path)
    except FtdesignError as error:
        assert str(path) in str(error)


@SETTINGS
@given(parts=st.lists(st.one_of(st.text(max_size=8), st.integers(0, 99)), max_size=6))
def test_yaml_paths_round_trip(parts: list[str | int]) -> None:
    assert split_path(yaml_path(parts)) == parts
