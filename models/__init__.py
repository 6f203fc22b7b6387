"""The model layer: every LLM call of the agent and the evaluation goes through here.

Public API (agent/ and evals/ import only from here, never a submodule; a test checks):

- `get_model(role, project=None, **overrides) -> ChatOpenAI` for LangChain/LangGraph use;
- `complete(role, messages, ...) -> Completion` and `acomplete` (text, finish reason,
  prompt/completion token counts);
- `stream` / `astream`: text pieces for the chat UI;
- `structured(role, Schema, messages, ..., repair=None) -> Schema` and `astructured`:
  schema-constrained decoding plus validation with bounded repair-and-retry (the one loop);
- `use_models({role: chat_model})`: the one seam for plugging a model in as a role
  (`plugged_model(role)` says which, if any);
- `describe_roles(project)` / `roles_markdown(project)`: which model serves each role;
- `load_role(role, project, **overrides) -> RoleSettings`, `ROLES`, `parse_overrides`;
- `embedded_gguf_path()`, `local_server(settings)` (which server a local role runs on),
  `ensure_server(...)`, `shutdown_servers()`, and for benchmarks
  `start_server` / `stop_server` / `default_threads`.

Roles are `agent`, `judge`, `simulator`, `candidate`; see models/settings.py for how
each is configured. Failures a user can fix raise tools.errors.FtdesignError.
"""

from ftdesign.models.client import Completion, acomplete, astream, complete, get_model, stream
from ftdesign.models.embedded import embedded_gguf_path
from ftdesign.models.endpoint import local_server
from ftdesign.models.injected import plugged as plugged_model
from ftdesign.models.injected import use_models
from ftdesign.models.reply_json import strip_fence
from ftdesign.models.roles import RoleDescription, describe_roles, roles_markdown
from ftdesign.models.server import (
    LocalServer,
    default_threads,
    ensure_server,
    shutdown_servers,
    start_server,
    stop_server,
)
from ftdesign.models.settings import JUDGE_SEED, ROLES, RoleSettings, load_role, parse_overrides
from ftdesign.models.structured import astructured, structured
from ftdesign.models.trust import MODELS_DIR, models_dir

__all__ = [
    "JUDGE_SEED",
    "MODELS_DIR",
    "ROLES",
    "Completion",
    "LocalServer",
    "RoleDescription",
    "RoleSettings",
    "acomplete",
    "astream",
    "astructured",
    "complete",
    "default_threads",
    "describe_roles",
    "embedded_gguf_path",
    "ensure_server",
    "get_model",
    "load_role",
    "local_server",
    "models_dir",
    "parse_overrides",
    "plugged_model",
    "roles_markdown",
    "shutdown_servers",
    "start_server",
    "stop_server",
    "stream",
    "strip_fence",
    "structured",
    "use_models",
]
