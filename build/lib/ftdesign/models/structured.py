"""Structured output that holds even with a 135M model.

Two layers. Decoding: llama.cpp endpoints get `response_format={"type":
"json_object", "schema": ...}`, which llama.cpp turns into a grammar so the reply
is JSON of the schema's shape (llama_cpp.server answers HTTP 500 to the
`json_schema` type); other providers get LangChain's `with_structured_output`.
Validation: the reply is parsed and validated with pydantic (which also runs the
schema's own validators), then passed to the caller's optional `repair` callable,
which may fix silly-but-valid content deterministically or raise ValueError to
reject it. A failure is fed back to the model and retried, at most `max_attempts`
times; the caller gets a valid object or a FtdesignError saying what failed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.messages.utils import convert_to_messages
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ValidationError

from ftdesign.models.client import arole_endpoint, role_endpoint
from ftdesign.models.endpoint import Endpoint
from ftdesign.models.errors import endpoint_errors
from ftdesign.tools.errors import FtdesignError

T = TypeVar("T", bound=BaseModel)


def _constrained(model: ChatOpenAI, schema: type[BaseModel], backend: str) -> Runnable:
    if backend == "llama.cpp":
        # Sent in the body, not as `response_format=`: that argument makes langchain-openai
        # parse with the OpenAI SDK, which raises on a cut-off reply instead of returning it.
        fmt = {"type": "json_object", "schema": schema.model_json_schema()}
        return model.bind(extra_body={**(model.extra_body or {}), "response_format": fmt})
    return model.with_structured_output(schema, method="json_schema", include_raw=True)


def _data(raw: AIMessage) -> Any:
    """The JSON data a reply carries: tool-call arguments, else its text."""
    # strict=False: small models put raw tabs and newlines inside strings, which is harmless
    return raw.tool_calls[0]["args"] if raw.tool_calls else json.loads(raw.text, strict=False)


def _problem(error: Exception, raw: AIMessage) -> str:
    if raw.response_metadata.get("finish_reason") == "length":
        return "the reply was cut off at max_tokens before the JSON was complete"
    if isinstance(error, ValidationError):
        shown = [f"{'.'.join(map(str, e['loc'])) or '(root)'}: {e['msg']}" for e in error.errors()]
        return "; ".join(shown[:5])
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON ({error.msg} at character {error.pos})"
    return str(error)


def _with_schema_note(messages: list[BaseMessage], schema: type[BaseModel]) -> list[BaseMessage]:
    note = "Reply with one JSON object only, matching this JSON schema:\n" + json.dumps(
        schema.model_json_schema(), separators=(",", ":")
    )
    if messages and isinstance(messages[0], SystemMessage):
        return [SystemMessage(f"{messages[0].text}\n\n{note}"), *messages[1:]]
    return [SystemMessage(note), *messages]


class _Attempts:
    """Shared bookkeeping of the sync and async retry loops."""

    def __init__(
        self, end: Endpoint, schema: type[BaseModel], messages: LanguageModelInput
    ) -> None:
        self.settings, self.url, self.schema = end.settings, end.url, schema
        self.runnable = _constrained(end.model, schema, end.backend)
        start = [HumanMessage(messages)] if isinstance(messages, str) else messages
        self.opening = _with_schema_note(convert_to_messages(start), schema)  # type: ignore[arg-type]
        self.conversation = self.opening
        self.last_problem = "no attempt made"

    def accept(self, reply: Any, repair: Callable[[Any], Any] | None) -> Any | None:
        raw: AIMessage = reply["raw"] if isinstance(reply, dict) else reply
        try:
            value = self.schema.model_validate(_data(raw))
            return repair(value) if repair else value
        except ValueError as error:  # JSON, validation and repair failures alike
            self.last_problem = _problem(error, raw)
            # Only the latest failure is shown, so the prompt stays the same size per retry.
            self.conversation = [*self.opening, AIMessage(raw.text), HumanMessage(
                f"That reply is invalid: {self.last_problem}. Reply again with only the"
                " corrected JSON object.")]  # fmt: skip
            return None

    def failure(self, attempts: int) -> FtdesignError:
        return FtdesignError(
            f"model role {self.settings.role} at {self.url}: no valid {self.schema.__name__}"
            f" after {attempts} attempt(s); last problem: {self.last_problem}.",
            hint=f"if replies are cut off raise {self.settings.setting_name('max_tokens')};"
            f" otherwise use a stronger model ({self.settings.setting_name('gguf')} or base_url)",
        )


def structured(
    role: str,
    schema: type[T],
    messages: LanguageModelInput,
    project: Path | None = None,
    *,
    max_attempts: int = 3,
    repair: Callable[[T], T] | None = None,
    **overrides: Any,
) -> T:
    """A validated `schema` instance from `role`, or FtdesignError after `max_attempts`."""
    run = _Attempts(role_endpoint(role, project, **overrides), schema, messages)
    for _ in range(max_attempts):
        with endpoint_errors(run.settings, run.url):
            reply = run.runnable.invoke(run.conversation)
        value = run.accept(reply, repair)
        if value is not None:
            return value  # type: ignore[no-any-return]
    raise run.failure(max_attempts)


async def astructured(
    role: str,
    schema: type[T],
    messages: LanguageModelInput,
    project: Path | None = None,
    *,
    max_attempts: int = 3,
    repair: Callable[[T], T] | None = None,
    **overrides: Any,
) -> T:
    """`structured` for asyncio callers."""
    run = _Attempts(await arole_endpoint(role, project, **overrides), schema, messages)
    for _ in range(max_attempts):
        with endpoint_errors(run.settings, run.url):
            reply = await run.runnable.ainvoke(run.conversation)
        value = run.accept(reply, repair)
        if value is not None:
            return value  # type: ignore[no-any-return]
    raise run.failure(max_attempts)
