"""The model layer: every LLM call of the agent and the evaluation goes through here.

Public API:

- `get_model(role, project=None, **overrides) -> ChatOpenAI` for LangChain/LangGraph use;
- `complete(role, messages, ...) -> Completion` and `acomplete` (text, finish reason,
  prompt/completion token counts);
- `stream` / `astream`: text pieces for the chat UI;
- `structured(role, Schema, messages, ..., repair=None) -> Schema` and `astructured`:
  schema-constrained decoding plus validation with bounded repair-and-retry;
- `describe_roles(project)` / `roles_markdown(project)`: which model serves each role;
- `load_role(role, project, **overrides) -> RoleSettings`, `ROLES`;
- `embedded_gguf_path()`, `ensure_server(gguf)`, `shutdown_servers()`.

Roles are `agent`, `judge`, `simulator`, `candidate`; see models/settings.py for how
each is configured. Failures a user can fix raise tools.errors.FtdesignError.
"""

from ftdesign.models.client import Completion, acomplete, astream, complete, get_model, stream
from ftdesign.models.embedded import embedded_gguf_path
from ftdesign.models.roles import RoleDescription, describe_roles, roles_markdown
from ftdesign.models.server import ensure_server, shutdown_servers
from ftdesign.models.settings import ROLES, RoleSettings, load_role
from ftdesign.models.structured import astructured, structured

__all__ = [
    "ROLES",
    "Completion",
    "RoleDescription",
    "RoleSettings",
    "acomplete",
    "astream",
    "astructured",
    "complete",
    "describe_roles",
    "embedded_gguf_path",
    "ensure_server",
    "get_model",
    "load_role",
    "roles_markdown",
    "shutdown_servers",
    "stream",
    "structured",
]
