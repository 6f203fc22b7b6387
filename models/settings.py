"""Which model serves each role, resolved from defaults, file, environment and overrides.

Roles: `agent` (drafting, conversation), `judge` (rubric verdicts), `simulator`
(plays the user in the baseline evaluation), `candidate` (the base model under
evaluation). Each resolves on its own; later layers win:

1. defaults: the embedded SmolLM2 GGUF, judge at temperature 0 with a fixed seed;
2. `<project>/ftdesign.toml`, section `[models.<role>]`;
3. environment: `FTDESIGN_<ROLE>_<FIELD>`, e.g. FTDESIGN_JUDGE_BASE_URL,
   FTDESIGN_JUDGE_MODEL, FTDESIGN_JUDGE_GGUF, FTDESIGN_JUDGE_API_KEY_ENV;
4. keyword overrides (CLI: `--set judge.model=NAME`, parsed by `parse_overrides`).

A layer that sets `base_url` clears a `gguf` from earlier layers and vice versa.
API keys never live in settings: `api_key_env` names the variable that holds one,
read only when a client is built.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ftdesign.models import trust
from ftdesign.tools.errors import FtdesignError

Role = Literal["agent", "judge", "simulator", "candidate"]
ROLES: tuple[Role, ...] = ("agent", "judge", "simulator", "candidate")
SETTINGS_FILE = "ftdesign.toml"
JUDGE_SEED = 1234
ROLE_DEFAULTS: dict[str, dict[str, Any]] = {
    "agent": {"temperature": 0.7},
    "judge": {"temperature": 0.0, "seed": JUDGE_SEED},
    "simulator": {"temperature": 0.9},
    "candidate": {"temperature": 0.7},
}


class RoleSettings(BaseModel):
    """Resolved settings of one role; `sources` says where each set field came from."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint; None = local"
    )
    model: str | None = Field(default=None, description="model name sent to the endpoint")
    gguf: Path | None = Field(default=None, description="GGUF to serve locally; None = embedded")
    api_key_env: str | None = Field(
        default=None, description="environment variable holding the key"
    )
    temperature: float | None = None
    seed: int | None = None
    max_tokens: int | None = 512
    timeout: float = 300.0  # seconds per request; CPU generation under load is slow
    max_retries: int = 2
    n_ctx: int = Field(default=8192, description="context size when we serve the GGUF ourselves")
    n_threads: int | None = Field(
        default=None, description="local server threads; None = half the cores"
    )
    server: str | None = Field(
        default=None,
        description="local server name; roles naming the same one share it and its prompt"
        " cache (memory for cache hits); None = a server of the role's own",
    )
    backend: Literal["auto", "llama.cpp", "openai"] = Field(
        default="auto", description="server dialect; auto: local = llama.cpp, remote = asked once"
    )
    sources: dict[str, str] = Field(default_factory=dict)

    @property
    def is_local(self) -> bool:
        """True when we start llama.cpp ourselves (embedded or a GGUF path)."""
        return self.base_url is None

    def setting_name(self, field: str) -> str:
        """How a user changes `field` for this role, for error messages."""
        return (
            f"[models.{self.role}] {field} in {SETTINGS_FILE}, or "
            f"FTDESIGN_{self.role.upper()}_{field.upper()}"
        )


FIELDS = [name for name in RoleSettings.model_fields if name not in ("role", "sources")]


def _file_layer(project: Path | None, role: str) -> tuple[dict[str, Any], str]:
    if project is None or not (project / SETTINGS_FILE).is_file():
        return {}, ""
    path = project / SETTINGS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise FtdesignError(f"{path}: not valid TOML ({error}).") from error
    section = data.get("models", {}).get(role, {})
    if "api_key" in section:
        raise FtdesignError(
            f"{path}: [models.{role}] api_key: keys are never read from files.",
            hint="export the key in an environment variable and set api_key_env to its name",
        )
    section = dict(section)
    if "api_key_env" in section:  # the project is untrusted: see models/trust.py
        section["api_key_env"] = trust.file_key_variable(section["api_key_env"], path, role)
    if isinstance(section.get("gguf"), str):  # relative paths are relative to the project
        section["gguf"] = trust.file_gguf(project, section["gguf"], path, role)
    return section, str(path)


def _env_layer(role: str) -> dict[str, Any]:
    prefix = f"FTDESIGN_{role.upper()}_"
    return {f: os.environ[prefix + f.upper()] for f in FIELDS if prefix + f.upper() in os.environ}


def load_role(role: str, project: Path | None = None, **overrides: Any) -> RoleSettings:
    """Resolve one role's settings; unknown roles or fields raise FtdesignError."""
    if role not in ROLES:
        raise FtdesignError(f"unknown model role {role!r}.", hint=f"use one of {', '.join(ROLES)}")
    file_values, file_name = _file_layer(project, role)
    layers = [
        (ROLE_DEFAULTS[role], "default"),
        (file_values, file_name),
        (_env_layer(role), "environment"),
        ({k: v for k, v in overrides.items() if v is not None}, "override"),
    ]
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for layer, source in layers:
        unknown = set(layer) - set(FIELDS)
        if unknown:
            raise FtdesignError(
                f"{source}: unknown setting(s) {', '.join(sorted(unknown))} for role {role}.",
                hint=f"known settings: {', '.join(FIELDS)}",
            )
        for field, other in (("base_url", "gguf"), ("gguf", "base_url")):
            if field in layer and other not in layer:
                values.pop(other, None)
                sources.pop(other, None)
        values.update(layer)
        sources.update(dict.fromkeys(layer, source))
    try:
        return RoleSettings(role=role, sources=sources, **values)  # type: ignore[arg-type]
    except ValidationError as error:
        problem = error.errors()[0]
        field = str(problem["loc"][0])
        raise FtdesignError(
            f"model setting {field} for role {role} (from {sources.get(field, '?')}):"
            f" {problem['msg']}.",
            hint=f"fix {RoleSettings(role=role).setting_name(field)}",  # type: ignore[arg-type]
        ) from error


def parse_overrides(items: list[str]) -> dict[str, dict[str, str]]:
    """CLI `--set ROLE.FIELD=VALUE` items as {role: {field: value}} for `load_role`."""
    found: dict[str, dict[str, str]] = {}
    for item in items:
        target, sep, value = item.partition("=")
        role, dot, field = target.strip().partition(".")
        if not (sep and dot) or role not in ROLES or field not in FIELDS:
            raise FtdesignError(
                f"--set {item!r}: expected ROLE.FIELD=VALUE.",
                hint=f"roles: {', '.join(ROLES)}; fields: {', '.join(FIELDS)}",
            )
        found.setdefault(role, {})[field] = value.strip()
    return found
