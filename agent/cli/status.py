"""`ftdesign status`: is the design done, and what fixes each line that is not."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ftdesign.tools.errors import FtdesignError


def add_parser(subparsers: Any) -> None:
    status = subparsers.add_parser(
        "status",
        help="the project's completion checklist, with the fix for each open line",
        description="All eight files exist with no placeholder, no validator error is left, "
        "and the baseline was measured (or skipped with a logged reason). Exit 0 either way; "
        "`ftdesign validate --complete DIR` exits 1 when it is not complete.",
    )
    status.add_argument("--project", type=Path, default=Path("."), help="project folder")
    status.set_defaults(handler=run_status)


def checklist_text(project: Path) -> tuple[bool, str]:
    """(complete?, the printed checklist) for a project folder."""
    from ftdesign.evals.evidence import evidence_lines
    from ftdesign.tools.completeness import completeness, is_complete, render_checklist

    if not project.is_dir():
        raise FtdesignError(f"{project}: no such project folder", hint="pass --project DIR")
    lines = completeness(project) + evidence_lines(project)
    return is_complete(lines), f"Completion of {project}:\n" + render_checklist(lines)


def run_status(args: argparse.Namespace) -> int:
    _, text = checklist_text(args.project)
    print(text)
    return 0
