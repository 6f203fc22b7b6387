"""`ftdesign ui`: the browser app (Chainlit) on a project folder.

Listens on 127.0.0.1 unless told otherwise and opens a browser tab unless --headless.
Everything heavy (Chainlit, LangGraph, the models) is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import socket
from pathlib import Path
from typing import Any

from ftdesign.agent.ui.auth import PASSWORD_ENV
from ftdesign.agent.ui.users import shared_mode
from ftdesign.agent.ui.users_command import add_users_parser
from ftdesign.tools.errors import FtdesignError

DEFAULT_PORT = 8000


def add_parser(subparsers: Any) -> None:
    ui = subparsers.add_parser("ui", help="open the design session in the browser")
    ui.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
    ui.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    ui.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    ui.add_argument("--headless", action="store_true", help="do not open a browser tab")
    ui.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a name people reach a shared app by (e.g. behind a TLS proxy); repeatable",
    )
    ui.set_defaults(handler=ui_command)
    add_users_parser(subparsers)


def check_port(host: str, port: int) -> None:
    """Fail early, with a fix, when the port is taken (Chainlit would only log it)."""
    if not 0 < port < 65536:
        raise FtdesignError(f"--port {port}: not a valid port.", hint="use 1-65535, e.g. 8000")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # As the server will: a port a stopped server left in TIME_WAIT is free to use.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise FtdesignError(
                f"{host}:{port} cannot be used ({error.strerror}).",
                hint=f"choose another port, e.g. --port {port + 1}, or stop what uses it",
            ) from error


def ui_command(args: argparse.Namespace) -> int:
    from ftdesign.agent.ui.launch import open_link, serve

    project = args.project.expanduser().resolve()
    if project.exists() and not project.is_dir():
        raise FtdesignError(f"--project {project}: is a file, not a folder.")
    check_port(args.host, args.port)
    check_login(project, args.host)
    names = tuple(name.strip().lower() for name in args.allow_host if name.strip())
    if shared_mode(project):
        address = f"http://{args.host}:{args.port}  (sign in with your own name and password)"
    else:
        address = f"{open_link(args.port)}  (this launch's link; the bare address has no login)"
    print(f"ftdesign ui: {address}\n  project {project}; Ctrl+C stops")  # noqa: T201
    return serve(project, args.host, args.port, args.headless, names)


def check_login(project: Path, host: str) -> None:
    """Refuse the old shared password, and any address beyond this machine without logins."""
    if os.environ.get(PASSWORD_ENV) is not None:
        raise FtdesignError(
            f"{PASSWORD_ENV} is set: one shared password is no longer supported.",
            hint="unset it and give each person a login: ftdesign users add NAME",
        )
    if host not in ("127.0.0.1", "localhost", "::1") and not shared_mode(project):
        raise FtdesignError(
            f"--host {host}: others could reach the app, and it has no logins.",
            hint=f"add people first (ftdesign users add NAME --project {project}), or use"
            " --host 127.0.0.1",
        )
