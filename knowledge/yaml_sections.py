"""Read a YAML artifact into (key path, YAML text) sections for chunking.

One section per top-level key; a large mapping is cut one level deeper so a rubric with many
criteria becomes one section per criterion rather than one oversized blob.
"""

from __future__ import annotations

import yaml

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.findings import SourceError
from ftdesign.tools.yaml_load import load_yaml

# The C dumper is several times faster; fall back when PyYAML lacks libyaml.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(data: dict[str, object]) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True)


def parse(text: str, max_words: int, name: str = "YAML file") -> list[tuple[str, str]]:
    """(key path, YAML text) per top-level key, descending one level into large mappings."""
    try:  # bounded: alias bombs, huge and deeply nested files are refused before building
        data = load_yaml(text, name)
    except SourceError as error:
        raise FtdesignError(
            f"{name} is not valid YAML: {error}", hint="fix the file, then build again"
        ) from error
    if not isinstance(data, dict):
        return [("document", text)]
    sections: list[tuple[str, str]] = []
    for key, value in data.items():
        dumped = _dump({key: value})
        if isinstance(value, dict) and len(dumped.split()) > max_words:
            for child, child_value in value.items():
                sections.append((f"{key}.{child}", _dump({child: child_value})))
        else:
            sections.append((str(key), dumped))
    return sections
