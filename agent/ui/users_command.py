"""`ftdesign users add|remove|list`: the people who may sign in to a shared app.

Passwords are read without echo (or one line from standard input with --password-stdin,
for scripts); only a salted scrypt hash is stored (agent/ui/users.py).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from ftdesign.agent.ui import users
from ftdesign.tools.errors import FtdesignError


def add_users_parser(subparsers: Any) -> None:
    command = subparsers.add_parser("users", help="who may sign in to a shared `ftdesign ui`")
    actions = command.add_subparsers(dest="users_action", required=True, metavar="ACTION")
    for name, help_text in (
        ("add", "add a person, or change their password (signs them out)"),
        ("remove", "remove a person (signs them out)"),
        ("list", "list the people"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("--project", type=Path, default=Path("."), help="project folder")
        if name != "list":
            action.add_argument("name", help="their sign-in name, e.g. ana")
        if name == "add":
            action.add_argument(
                "--password-stdin", action="store_true", help="read the password from stdin"
            )
        action.set_defaults(handler=users_command)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        raise FtdesignError("the two passwords differ.", hint="run the command again")
    return first


def users_command(args: argparse.Namespace) -> int:
    project = args.project.expanduser().resolve()
    where = users.users_path(project)
    if args.users_action == "add":
        users.add(project, users.check_name(args.name), _password(args))
        print(f"ftdesign users: {args.name} can sign in ({where}).")  # noqa: T201
    elif args.users_action == "remove":
        if not users.remove(project, args.name):
            raise FtdesignError(f"{where}: no person named {args.name!r}.")
        print(f"ftdesign users: {args.name} removed; their sessions are signed out.")  # noqa: T201
    else:
        for name in sorted(users.load(project)):
            print(name)  # noqa: T201
    return 0
