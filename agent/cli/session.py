"""`ftdesign run`: the whole design session without a browser (scripts, CI, tests).

Replies come from `--answers FILE` (a YAML or JSON list, fed one per stop), then from
`--auto-approve` (approve what validates; ask for a redraft of what does not), else the
run pauses at the stop and says how to resume it. `ftdesign ui` is added by the UI
package when it is installed (module agent.ui.command, same add_parser shape).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import importlib.util
from pathlib import Path
from typing import Any

from ftdesign.tools.errors import FtdesignError

UI_COMMAND_MODULE = "ftdesign.agent.ui.command"


def add_parser(subparsers: Any) -> None:
    run = subparsers.add_parser("run", help="run the design session headless, gate by gate")
    run.add_argument("--project", type=Path, required=True, help="project folder")
    run.add_argument("--domain", help="what to fine-tune for (starts a new session)")
    run.add_argument("--thread", help="session id to resume (printed when a session starts)")
    run.add_argument("--answers", type=Path, help="YAML/JSON list of replies, one per stop")
    run.add_argument(
        "--auto-approve",
        action="store_true",
        help="approve each draft that validates; ask for redrafts of the others",
    )
    run.add_argument("--retries", type=int, default=2, help="redrafts per gate before giving up")
    run.add_argument("--full", action="store_true", help="print whole drafts, not excerpts")
    run.set_defaults(handler=run_command)
    if _has_module(UI_COMMAND_MODULE):
        importlib.import_module(UI_COMMAND_MODULE).add_parser(subparsers)


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent package is missing
        return False


def load_answers(path: Path | None) -> list[Any]:
    """Replies from a YAML or JSON list (strings, or {"action": ...} mappings)."""
    if path is None:
        return []
    from ftdesign.tools.findings import SourceError
    from ftdesign.tools.yaml_load import load_yaml

    try:
        data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    except OSError as error:
        raise FtdesignError(f"{path}: cannot read answers ({error.strerror}).") from error
    except SourceError as error:  # bounded parse refused it; its text names line and fix
        raise FtdesignError(f"{path}: not valid YAML or JSON ({error.finding.message}).") from error
    if not isinstance(data, list) or not all(isinstance(a, str | dict) for a in data):
        raise FtdesignError(
            f"{path}: answers must be a list of replies.",
            hint='write e.g. ["approve", "skip: no GPU yet", "back to rubric"]',
        )
    return data


def run_command(args: argparse.Namespace) -> int:
    return asyncio.run(run_headless(args))


async def run_headless(args: argparse.Namespace) -> int:
    from ftdesign.agent.cli.autopilot import Autopilot
    from ftdesign.agent.cli.render import render_event
    from ftdesign.agent.session import DesignSession

    args.project.mkdir(parents=True, exist_ok=True)
    pilot = Autopilot(load_answers(args.answers), args.auto_approve, args.retries)
    async with DesignSession(args.project, thread_id=args.thread) as session:
        fresh = await session.state() is None
        if fresh and not args.domain:
            raise FtdesignError("a new session needs --domain", hint='--domain "customer support"')
        print(f"project {session.project} | thread {session.thread_id}", flush=True)
        events = session.start(args.domain) if fresh else session.resume()
        while True:
            stop, failed = None, False
            async for event in events:
                text = render_event(event, None if args.full else 30)
                if text is not None:
                    print(text, flush=True)
                stop = event.stop if event.kind == "stop" else stop
                failed = failed or event.kind == "error"
            if stop is None:
                return 1 if failed else 0
            reply = pilot.reply(stop)
            if reply is None:
                print(
                    f"{pilot.why_paused(stop)} Resume with: ftdesign run --project"
                    f" {args.project} --thread {session.thread_id}"
                )
                return 1 if pilot.gave_up else 0
            print(f"\n> {reply}\n", flush=True)
            events = session.send(reply)
