"""Run the real app (our app.py on Chainlit's real server) without warming a model.

`ftdesign ui` first starts the agent's model; the security probes never send a chat
message, so this runs the same `prepare_root` + `run_chainlit` path without that wait.
Usage: python serve_app.py PROJECT PORT
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ftdesign.agent.ui.auth import SECRET_ENV, ensure_secret
from ftdesign.agent.ui.launch import PACKAGE, prepare_root

project, port = Path(sys.argv[1]), int(sys.argv[2])
root = prepare_root(project, "127.0.0.1", port)
os.environ.update(
    {
        "CHAINLIT_APP_ROOT": str(root),
        "CHAINLIT_HOST": "127.0.0.1",
        "CHAINLIT_PORT": str(port),
        "FTDESIGN_PROJECT": str(project),
        SECRET_ENV: ensure_secret(root),
    }
)
from chainlit.cli import run_chainlit  # noqa: E402 - reads the root set just above
from chainlit.config import config  # noqa: E402

config.run.headless = True
run_chainlit(str(PACKAGE / "app.py"))
