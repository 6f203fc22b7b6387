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
This is the only such loop: a role plugged in with `use_models` (a scripted model in
tests, a custom client) runs through it too, undecoded, so its reply is read from text
(a ``` fence or prose around the object is tolerated).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.messages.utils import convert_to_messages
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from ftdesign.models.client import arole_endpoint, role_endpoint
from ftdesign.models.endpoint import Endpoint
from ftdesign.models.errors import endpoint_errors
from ftdesign.models.injected import plugged, plugged_errors, plugged_name
from ftdesign.models.reply_json import json_data, problem_of
from ftdesign.models.settings import RoleSettings, load_role
from ftdesign.tools.errors import FtdesignError

T = TypeVar("T", bound=BaseModel)


def _constrained(model: ChatOpenAI, schema: type[BaseModel], backend: str) -> Runnable:
    if backend == "llama.cpp":
        # Sent in the body, not as `response_format=`: that argument makes langchain-openai
        # parse with the OpenAI SDK, which raises on a cut-off reply instead of returning it.
        fmt = {"type": "json_object", "schema": schema.model_json_schema()}
        return model.bind(extra_body={**(model.extra_body or {}), "response_format": fmt})
    return model.with_structured_output(schema, method="json_schema", include_raw=True)


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
        self, settings: RoleSettings, runnable: Runnable, url: str, is_plugged: bool,
        schema: type[BaseModel], messages: LanguageModelInput,
    ) -> None:  # fmt: skip
        self.settings, self.runnable, self.url, self.schema = settings, runnable, url, schema
        self.is_plugged = is_plugged
        start = [HumanMessage(messages)] if isinstance(messages, str) else messages
        self.opening = _with_schema_note(convert_to_messages(start), schema)  # type: ignore[arg-type]
        self.conversation = self.opening
        self.last_problem = "no attempt made"

    def errors(self) -> AbstractContextManager[None]:
        if self.is_plugged:
            return plugged_errors(self.settings.role)
        return endpoint_errors(self.settings, self.url)

    def accept(self, reply: Any, repair: Callable[[Any], Any] | None) -> Any | None:
        raw: AIMessage = reply["raw"] if isinstance(reply, dict) else reply
        try:
            value = self.schema.model_validate(json_data(raw))
            return repair(value) if repair else value
        except ValueError as error:  # JSON, validation and repair failures alike
            self.last_problem = problem_of(error, raw)
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


def _plugged_run(
    role: str, project: Path | None, overrides: dict[str, Any], schema: type[BaseModel],
    messages: LanguageModelInput,
) -> _Attempts | None:  # fmt: skip
    model = plugged(role)
    if model is None:
        return None
    settings = load_role(role, project, **overrides)
    return _Attempts(settings, model, f"plugged-in {plugged_name(model)}", True, schema, messages)


def _endpoint_run(
    end: Endpoint, schema: type[BaseModel], messages: LanguageModelInput
) -> _Attempts:
    runnable = _constrained(end.model, schema, end.backend)
    return _Attempts(end.settings, runnable, end.url, False, schema, messages)


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
    run = _plugged_run(role, project, overrides, schema, messages) or _endpoint_run(
        role_endpoint(role, project, **overrides), schema, messages
    )
    for _ in range(max_attempts):
        with run.errors():
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
    run = _plugged_run(role, project, overrides, schema, messages) or _endpoint_run(
        await arole_endpoint(role, project, **overrides), schema, messages
    )
    for _ in range(max_attempts):
        with run.errors():
            reply = await run.runnable.ainvoke(run.conversation)
        value = run.accept(reply, repair)
        if value is not None:
            return value  # type: ignore[no-any-return]
    raise run.failure(max_attempts)
