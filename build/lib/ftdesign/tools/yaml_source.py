"""Bounded YAML parsing that remembers the line of every value.

Hostile input is ordinary input here: `yaml_bounds.check_bounds` refuses alias
bombs, huge and deeply nested documents before anything is built; only then is
the document composed and built (with libyaml when available, the pure-Python
parser being ~10x slower). Line numbers come from the composed node tree, and
duplicate keys, which PyYAML drops silently, become findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import nodes

from ftdesign.tools.findings import Finding, SourceError, join_path, rule, split_path, yaml_path
from ftdesign.tools.yaml_bounds import check_bounds
from ftdesign.tools.yaml_errors import SYNTAX, syntax_finding

_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """Remembers the node being built, so a value that cannot be built has a line."""

    current: nodes.Node | None = None

    def construct_object(self, node: nodes.Node, deep: bool = False) -> Any:
        self.current = node
        return super().construct_object(node, deep=deep)


EMPTY = rule("yaml.empty", "error", "the file holds a YAML document")
DUPLICATE = rule("yaml.duplicate_key", "error", "each key appears once in its mapping")


@dataclass
class YamlDocument:
    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    duplicates: list[Finding] = field(default_factory=list)

    def line_of(self, path: str) -> int | None:
        """Line of `path`, else of its nearest ancestor that exists in the file."""
        parts = split_path(path)
        while True:
            line = self.lines.get(yaml_path(parts))
            if line is not None or not parts:
                return line
            parts.pop()


def parse_yaml(text: str, source: str) -> YamlDocument:
    """Parse one YAML document; SourceError (with line) if it is not usable YAML."""
    check_bounds(text, source, _BASE_LOADER)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            no_content = EMPTY.at("", "the file has no content", "write the artifact", file=source)
            raise SourceError(no_content)
        duplicates = _duplicate_keys(node, source)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise SourceError(syntax_finding(error, source)) from error
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as error:
        raise SourceError(_value_finding(loader.current, error, source)) from error
    finally:
        loader.dispose()
    return YamlDocument(data=data, lines=_line_map(node), duplicates=duplicates)


def _value_finding(failed: nodes.Node | None, error: Exception, source: str) -> Finding:
    """A scalar the constructor rejects (a date like 2024-13-45, a 5,000-digit number)."""
    line = failed.start_mark.line + 1 if failed is not None else None
    value = f" {str(failed.value)[:40]!r}" if isinstance(failed, nodes.ScalarNode) else ""
    problem = f"the value{value} cannot be read ({str(error)[:100]})"
    return SYNTAX.at(
        "", problem, "put it in quotes to keep it as text, or correct it", line, source
    )


def _children(node: nodes.Node) -> list[tuple[str | None, nodes.Node, nodes.Node]]:
    """(key text, key node, value node) of a mapping; (None, item, item) of a sequence."""
    if isinstance(node, nodes.MappingNode):
        return [(_key_text(k), k, v) for k, v in node.value]
    if isinstance(node, nodes.SequenceNode):
        return [(None, item, item) for item in node.value]
    return []


def _key_text(node: nodes.Node) -> str:
    return str(node.value) if isinstance(node, nodes.ScalarNode) else "?"


def _line_map(root: nodes.Node) -> dict[str, int]:
    """YAML path -> 1-based line: a key's own line for mappings, the item's for lists."""
    lines = {"": root.start_mark.line + 1}
    stack: list[tuple[nodes.Node, str]] = [(root, "")]
    while stack:  # the tree was bounded by _check_bounds, expanded walk is safe
        node, path = stack.pop()
        for index, (key, key_node, value) in enumerate(_children(node)):
            child = join_path(path, index if key is None else key)
            lines[child] = key_node.start_mark.line + 1
            stack.append((value, child))
    return lines


def _duplicate_keys(root: nodes.Node, source: str) -> list[Finding]:
    """PyYAML keeps the last of two equal keys silently; a criterion defined twice is lost."""
    found: list[Finding] = []
    seen_nodes: set[int] = set()
    stack: list[tuple[nodes.Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        first_line: dict[str, int] = {}
        for index, (key, key_node, value) in enumerate(_children(node)):
            line = key_node.start_mark.line + 1
            if key is not None and key_node.tag != "tag:yaml.org,2002:merge":
                if key in first_line:
                    problem = f"key '{key}' appears twice (lines {first_line[key]} and {line})"
                    fix = "the later one silently replaces the earlier: merge or rename them"
                    found.append(DUPLICATE.at(join_path(path, key), problem, fix, line, source))
                first_line.setdefault(key, line)
            stack.append((value, join_path(path, index if key is None else key)))
    return found
