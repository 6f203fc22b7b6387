"""The `ftdesign` command: a thin shell over tools/, knowledge/, evals/ and agent/.

Each subcommand lives in its own module with `add_parser(subparsers)`; modules
import heavy libraries inside their handlers so `ftdesign validate` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence

from ftdesign.tools.errors import FtdesignError

COMMAND_MODULES = [
    "ftdesign.agent.cli.project",  # init, validate, schema, history, restore
    "ftdesign.agent.cli.scoring",  # score, sample
    "ftdesign.agent.cli.models",  # inspect, budget, choose, models
    "ftdesign.agent.cli.knowledge",  # knowledge build / search
    "ftdesign.agent.cli.evaluation",  # eval, compare, bench
    "ftdesign.agent.cli.session",  # run, ui
    "ftdesign.agent.cli.status",  # status
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ftdesign",
        description="Design every artifact needed before fine-tuning a small chat model.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; exit 2 with a readable message when it cannot run."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except FtdesignError as error:
        print(f"ftdesign: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ftdesign: interrupted; finished work is saved.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
