"""Where the running app works: the project folder and the current chat's thread id.

The Chainlit thread id is also the LangGraph thread id, so the chat history and the
design session's checkpoints name the same conversation. Chainlit 2.12 takes session
and thread ids from the browser unchecked; agent/ui/edge.py refuses any that is not a
canonical UUID before Chainlit sees it, and folders named after an id use a digest of it
(`folder_key`), with every resolved path checked to stay inside its root (`inside`).
In shared mode (a users file) each person works in `<project>/people/<name>/`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

from ftdesign.tools.errors import FtdesignError

AUTHOR = "ftdesign"
PEOPLE = "people"


def canonical_id(value: object) -> str | None:
    """The id when it is a UUID written the way Chainlit writes one, else None."""
    if not isinstance(value, str) or len(value) != 36:
        return None
    try:
        return value if str(uuid.UUID(value)) == value else None
    except ValueError:
        return None


def folder_key(thread: str) -> str:
    """A folder name for an id: its digest, so no id can spell a path."""
    return hashlib.sha256(thread.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def inside(root: Path, *parts: str) -> Path:
    """`root/parts...` resolved, refused when it would leave `root` (by `..` or a link)."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise FtdesignError(
            f"{'/'.join(parts)}: refused, it points outside {base.name}/.",
            hint="use a path inside the project, without `..`",
        )
    return target


def root() -> Path:
    """The project folder `ftdesign ui --project` was given (the cwd when run directly)."""
    return Path(os.environ.get("FTDESIGN_PROJECT", ".")).resolve()


def person_folder(base: Path, name: str) -> Path:
    return inside(base, PEOPLE, folder_name(name))


def folder_name(name: str) -> str:
    # Names are checked when added (agent/ui/users.py); the digest covers anything else.
    plain = name.replace("-", "").replace("_", "").replace(".", "")
    return name if plain.isalnum() and plain.isascii() and name[:1].isalnum() else folder_key(name)


def project() -> Path:
    """This person's project: the project folder, or their own folder in shared mode."""
    from ftdesign.agent.ui.users import shared_mode

    base = root()
    if not shared_mode(base):
        return base
    user = getattr(_chat_session(), "user", None)
    if user is None:  # shared mode always has a logged-in user; refuse rather than guess
        raise FtdesignError("no signed-in person for this chat; sign in again.")
    folder = person_folder(base, user.identifier)
    if not folder.is_dir():
        folder.mkdir(parents=True)
        settings = base / "ftdesign.toml"  # the team's model settings start each folder
        if settings.is_file():
            shutil.copyfile(settings, folder / settings.name)
    return folder


def _chat_session() -> object | None:
    # Imported here: `ftdesign ui` loads this module before Chainlit may read its root.
    import chainlit as cl

    try:
        return cl.context.session
    except Exception:  # no chat context: a call outside a request
        return None


def thread_id() -> str:
    thread = canonical_id(getattr(_chat_session(), "thread_id", None))
    if thread is None:  # the edge refuses these; a second check costs nothing
        raise FtdesignError("this chat's id is not valid; open a new chat.")
    return thread
