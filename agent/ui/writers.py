"""Which chat last wrote each approved file, so two chats cannot silently overwrite.

Two chats on one project folder (the same person in two tabs, or everyone in local
mode) each hold their own drafts. After an approval writes a file, the app notes its
digest and the chat that wrote it in `<project>/.ftdesign/ui/writers.json`. Before the
next approval overwrites it, a file last written by another chat, or changed on disk
since this chat wrote it, is named and the approval waits for a second, deliberate click.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ftdesign.agent.ui.scope import folder_key, inside

LEDGER = Path(".ftdesign") / "ui" / "writers.json"


def paths_of(drafts: dict[str, str]) -> list[str]:
    # A section draft is labelled `model-choice.md (## Token budget)`: the file is the path.
    return sorted({label.split(" (", 1)[0] for label in drafts})


def digest(project: Path, relpath: str) -> str | None:
    try:
        return hashlib.sha256(inside(project, relpath).read_bytes()).hexdigest()
    except (OSError, ValueError):
        return None


def _ledger(project: Path) -> dict[str, dict[str, str]]:
    try:
        found = json.loads((project / LEDGER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def conflicts(project: Path, thread: str, paths: list[str]) -> list[str]:
    """Paths another chat wrote last, or that changed on disk since this chat wrote them."""
    ledger, me, found = _ledger(project), folder_key(thread), []
    for relpath in paths:
        entry, now = ledger.get(relpath), digest(project, relpath)
        if not isinstance(entry, dict) or now is None:
            continue
        if (entry.get("chat") != me and now == entry.get("digest")) or (
            entry.get("chat") == me and now != entry.get("digest")
        ):
            found.append(relpath)
    return found


def snapshot(project: Path, paths: list[str]) -> dict[str, str | None]:
    return {relpath: digest(project, relpath) for relpath in paths}


def record(project: Path, thread: str, before: dict[str, str | None]) -> None:
    """Note this chat as the writer of every path whose content the approval changed."""
    ledger, changed = _ledger(project), False
    for relpath, earlier in before.items():
        now = digest(project, relpath)
        if now is not None and now != earlier:
            ledger[relpath] = {"chat": folder_key(thread), "digest": now}
            changed = True
    if changed:
        path = project / LEDGER
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(ledger, indent=1, sort_keys=True), encoding="utf-8")
