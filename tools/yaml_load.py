"""`yaml.safe_load` for everything the product reads, through the bounded parser.

Uploads, chat replies and drafts are parsed by `yaml_source.parse_yaml`, which
refuses alias bombs, huge and deeply nested documents before building anything
(a 6 KB `[[[...]]]` reply otherwise ends in RecursionError). Validation errors are
shown through `brief`, never `str(ValidationError)`: pydantic prints the input
value, which for an expanded document can take minutes to format and fill a page.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ftdesign.tools.findings import SourceError
from ftdesign.tools.yaml_bounds import ALIASES, TOO_BIG, TOO_DEEP
from ftdesign.tools.yaml_source import EMPTY, parse_yaml

REFUSED = {ALIASES.code, TOO_BIG.code, TOO_DEEP.code}
NOT_YAML: Any = object()  # `load_loose` result for text that is simply not YAML


def load_yaml(text: str, source: str) -> Any:
    """The document's data, None when it is empty; SourceError (clear, one line) if unusable."""
    try:
        return parse_yaml(text, source).data
    except SourceError as error:
        if error.finding.code == EMPTY.code:
            return None
        raise


def load_loose(text: str, source: str) -> Any:
    """For free text that may hold YAML (a chat reply): NOT_YAML on a syntax error, but a
    document the bounds refuse still raises SourceError, so the user learns why."""
    try:
        return load_yaml(text, source)
    except SourceError as error:
        if error.finding.code in REFUSED or "nesting depth" in error.finding.message:
            raise  # libyaml's own depth limit (1,000) reads as a syntax error
        return NOT_YAML


def brief(error: ValidationError, limit: int = 160) -> str:
    """The first problem as `field.path: message`, without the offending input."""
    problems = error.errors(include_url=False, include_input=False, include_context=False)
    if not problems:
        return "invalid"
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{where}: {first['msg']}"[:limit] + more
