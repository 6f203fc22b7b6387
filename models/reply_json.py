"""Reading the JSON object out of a model's reply, and saying what is wrong with it."""

from __future__ import annotations

import json
import re
from typing import Any

from langchain_core.messages import AIMessage
from pydantic import ValidationError

FENCE = re.compile(r"^```[a-zA-Z]*\n(.*?)\n```\s*$", re.DOTALL)


def strip_fence(text: str) -> str:
    """The body of a reply wrapped in one ``` fence, else the reply itself."""
    match = FENCE.match(text.strip())
    return match.group(1) if match else text.strip()


def json_data(raw: AIMessage) -> Any:
    """The JSON data a reply carries: tool-call arguments, else its text."""
    if raw.tool_calls:
        return raw.tool_calls[0]["args"]
    body = strip_fence(raw.text)
    start, end = body.find("{"), body.rfind("}")
    # strict=False: small models put raw tabs and newlines inside strings, which is harmless
    return json.loads(body[start : end + 1] if start >= 0 < end else body, strict=False)


def problem_of(error: Exception, raw: AIMessage) -> str:
    if raw.response_metadata.get("finish_reason") == "length":
        return "the reply was cut off at max_tokens before the JSON was complete"
    if isinstance(error, ValidationError):
        shown = [f"{'.'.join(map(str, e['loc'])) or '(root)'}: {e['msg']}" for e in error.errors()]
        return "; ".join(shown[:5])
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON ({error.msg} at character {error.pos})"
    return str(error)
