"""Starting the browser app: a Chainlit root inside the project, then Chainlit itself.

Chainlit reads its settings, welcome page and custom elements from one folder and
keeps uploads there too. That folder is `<project>/.ftdesign/ui/`, refreshed from the
repository's `chainlit.md`, `.chainlit/config.toml` and agent/ui/elements/ at every
start, so uploads and chat history never leave the project.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import urllib.request
import webbrowser
from pathlib import Path

from ftdesign.agent.context import BROWSER_ENV
from ftdesign.agent.ui.auth import LAUNCH_KEY_ENV, SECRET_ENV, ensure_secret, launch_key
from ftdesign.agent.ui.edge import HOSTS_ENV, OPEN_PATH
from ftdesign.tools.errors import FtdesignError

PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parents[1]
UI_DIR = Path(".ftdesign") / "ui"
WELCOME_FALLBACK = "# ftdesign\n\nDescribe the assistant you want to fine-tune to begin.\n"
# An empty font list makes Chainlit drop its Google Fonts link: nothing leaves the machine.
THEME: dict[str, list[str]] = {"custom_fonts": []}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _copy_text(source: Path, target: Path, fallback: str | None = None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_file():
        shutil.copyfile(source, target)
    elif fallback is not None:
        target.write_text(fallback, encoding="utf-8")


def allowed_origins(host: str, port: int, names: tuple[str, ...] = ()) -> list[str]:
    """Web pages that may call the app: its own addresses only, so another site open in the
    same browser cannot use the signed-in session. A shared app adds the names it is
    reached by (`--allow-host`, e.g. behind a reverse proxy with TLS)."""
    local = [f"http://{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")]
    return local + [f"{scheme}://{name}" for name in names for scheme in ("https", "http")]


def _set_origins(config: Path, origins: list[str]) -> None:
    if config.is_file():
        line = f"allow_origins = {json.dumps(origins)}"
        text = re.sub(r"(?m)^allow_origins\s*=.*$", line, config.read_text(encoding="utf-8"))
        config.write_text(text, encoding="utf-8")


def prepare_root(
    project: Path, host: str = "127.0.0.1", port: int = 8000, names: tuple[str, ...] = ()
) -> Path:
    """The Chainlit root for a project, with our settings, welcome page and elements."""
    root = project / UI_DIR
    try:
        _copy_text(REPO / "chainlit.md", root / "chainlit.md", WELCOME_FALLBACK)
        _copy_text(REPO / ".chainlit" / "config.toml", root / ".chainlit" / "config.toml")
        _set_origins(root / ".chainlit" / "config.toml", allowed_origins(host, port, names))
        public = root / "public"
        (public / "elements").mkdir(parents=True, exist_ok=True)
        (public / "theme.json").write_text(json.dumps(THEME), encoding="utf-8")
        for element in (PACKAGE / "elements").glob("*.jsx"):
            shutil.copyfile(element, public / "elements" / element.name)
        for sheet in (PACKAGE / "public").glob("*.css"):
            shutil.copyfile(sheet, public / sheet.name)
    except OSError as error:
        raise FtdesignError(
            f"{root}: cannot prepare the app folder ({error.strerror or error}).",
            hint="check that the project folder is writable",
        ) from error
    return root


def probe_address(host: str, port: int) -> tuple[str, int]:
    """Where this machine reaches the app: a wildcard host listens on loopback too."""
    wildcard = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}
    return (wildcard.get(host, host), port)


def warm_up(project: Path, host: str, port: int) -> None:
    """Start the background warm-up (agent/warmup.py) just before the app listens: once the port
    answers, the chat's code and the guide index, then the agent's model. The first page waits
    for none of them; a chat that needs one waits for this same job off the event loop, and a
    failure is reported in that chat."""
    from ftdesign.agent import warmup
    from ftdesign.agent.ui import deferred

    warmup.start(project, probe_address(host, port), deferred.import_all)


def open_link(port: int) -> str:
    """The local address with this launch's key: the only way in without a login."""
    return f"http://127.0.0.1:{port}{OPEN_PATH}?key={launch_key()}"


def _open_when_ready(url: str, port: int) -> None:
    def wait_then_open() -> None:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                    webbrowser.open(url)
                    return
            except OSError:
                threading.Event().wait(0.5)

    threading.Thread(target=wait_then_open, daemon=True).start()


def serve(project: Path, host: str, port: int, headless: bool, names: tuple[str, ...] = ()) -> int:
    """Run the app until interrupted; Chainlit is imported only here (it reads its root)."""
    project.mkdir(parents=True, exist_ok=True)
    root = prepare_root(project, host, port, names)
    os.environ.update(
        {
            "CHAINLIT_APP_ROOT": str(root),
            "CHAINLIT_HOST": host,
            "CHAINLIT_PORT": str(port),
            "FTDESIGN_PROJECT": str(project),
            BROWSER_ENV: "1",  # model candidates confined to the models folder
            HOSTS_ENV: ",".join(names),
            LAUNCH_KEY_ENV: launch_key(),
            SECRET_ENV: ensure_secret(root),
        }
    )
    warm_up(project, host, port)
    from chainlit.cli import run_chainlit
    from chainlit.config import config

    config.run.headless = True  # Chainlit would open the bare address, which has no key
    if not headless and host in LOOPBACK:
        _open_when_ready(open_link(port), port)
    run_chainlit(str(PACKAGE / "app.py"))
    return 0
