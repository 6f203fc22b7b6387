"""`ftdesign init | validate | schema | history | restore`: project files from the shell."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError


def add_parser(subparsers: Any) -> None:
    init = subparsers.add_parser(
        "init",
        help="start a project from a worked domain",
        description="Copy a worked domain's eight artifacts into DIR; never overwrites one.",
    )
    init.add_argument("dir", type=Path, metavar="DIR")
    init.add_argument("--domain", help="worked domain to start from (default: the fallback one)")
    init.set_defaults(handler=run_init)

    validate = subparsers.add_parser(
        "validate",
        help="check artifacts against every rule of the design gates",
        description="PATH is an artifact file (its kind from its name, or --kind) or a project "
        "folder. Exit 0 when there is no error, 1 when there are errors, 2 when the check "
        "could not run.",
    )
    validate.add_argument("paths", type=Path, nargs="*", metavar="PATH")
    validate.add_argument("--kind", choices=list(ARTIFACTS), help="artifact kind of every file")
    validate.add_argument("--json", action="store_true", help="print the findings as JSON")
    validate.add_argument("--rules", action="store_true", help="list every rule and exit")
    validate.add_argument(
        "--complete",
        action="store_true",
        help="also require a complete project (see `ftdesign status`); exit 1 when it is not",
    )
    validate.set_defaults(handler=run_validate)

    schema = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of a YAML artifact (for editors)",
        description="For VS Code's YAML extension: save the output and point "
        "`# yaml-language-server: $schema=FILE` or `yaml.schemas` at it.",
    )
    schema.add_argument("kind", choices=["taxonomy", "rubric", "persona"], metavar="KIND")
    schema.set_defaults(handler=run_schema)

    history = subparsers.add_parser("history", help="list earlier versions of artifacts")
    history.add_argument("project", type=Path, metavar="PROJECT")
    history.add_argument("artifact", nargs="?", metavar="ARTIFACT", help="kind or relative path")
    history.set_defaults(handler=run_history)

    restore = subparsers.add_parser("restore", help="make an earlier version current again")
    restore.add_argument("project", type=Path, metavar="PROJECT")
    restore.add_argument("artifact", metavar="ARTIFACT", help="kind or relative path")
    restore.add_argument("version", metavar="VERSION", help="version id (a unique prefix will do)")
    restore.set_defaults(handler=run_restore)


def run_validate(args: argparse.Namespace) -> int:
    from ftdesign.agent.cli.findings_output import print_findings, print_rules
    from ftdesign.tools.findings import Finding, has_errors
    from ftdesign.tools.validators import validate_path

    if args.rules:
        print_rules(as_json=args.json)
        return 0
    if not args.paths:
        raise FtdesignError("validate needs a PATH", hint="ftdesign validate config/rubric.yaml")
    findings: list[Finding] = []
    for path in args.paths:
        findings += validate_path(path, args.kind)
    if args.json:
        print(json.dumps([f.model_dump(mode="json") for f in findings], indent=2))
    else:
        print_findings(findings, checked=len(args.paths))
    complete = True
    if args.complete:
        from ftdesign.agent.cli.status import checklist_text

        for path in args.paths:
            done, text = checklist_text(path)
            complete = complete and done
            if not args.json:
                print(text)
    return 1 if has_errors(findings) or not complete else 0


def run_schema(args: argparse.Namespace) -> int:
    from ftdesign.tools.schema_export import json_schema

    print(json.dumps(json_schema(args.kind), indent=2))
    return 0


def run_init(args: argparse.Namespace) -> int:
    try:
        from ftdesign.knowledge.domains import FALLBACK_DOMAIN, copy_domain
    except ImportError as error:
        raise FtdesignError(
            f"ftdesign init needs the worked domains (knowledge.domains), which failed to load: "
            f"{error}",
            hint="reinstall ftdesign (`pip install -e .`)",
        ) from error
    from ftdesign.agent.cli.findings_output import print_findings
    from ftdesign.tools.validators import validate_project

    existing = [a.path for a in ARTIFACTS.values() if (args.dir / a.path).exists()]
    if existing:
        raise FtdesignError(
            f"{args.dir} already has {', '.join(existing)}; init never overwrites artifacts",
            hint="choose an empty folder, or move these files aside first",
        )
    domain = args.domain or FALLBACK_DOMAIN
    written = copy_domain(domain, args.dir)
    print(f"Started {args.dir} from the '{domain}' domain ({len(written)} artifacts).")
    print_findings(validate_project(args.dir), checked=1, quiet_info=True)
    return 0


def _relpath(artifact: str) -> str:
    if artifact in ARTIFACTS:
        return ARTIFACTS[artifact].path
    known = {a.path for a in ARTIFACTS.values()}
    if artifact.replace("\\", "/") in known:
        return artifact.replace("\\", "/")
    raise FtdesignError(
        f"unknown artifact '{artifact}'",
        hint=f"use a kind ({', '.join(ARTIFACTS)}) or a path such as config/rubric.yaml",
    )


def run_history(args: argparse.Namespace) -> int:
    from ftdesign.tools.project_files import list_versions

    if not args.project.is_dir():
        raise FtdesignError(f"{args.project}: no such project folder", hint="check the path")
    relpaths = [_relpath(args.artifact)] if args.artifact else [a.path for a in ARTIFACTS.values()]
    for relpath in relpaths:
        versions = list_versions(args.project, relpath)
        current = "exists" if (args.project / relpath).is_file() else "missing"
        print(f"{relpath} ({current}, {len(versions)} earlier version(s))")
        if args.artifact:
            for version in versions:
                print(f"  {version.id}  saved {version.saved_at}  {version.size} bytes")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from ftdesign.agent.cli.findings_output import print_findings
    from ftdesign.tools.project_files import restore_version
    from ftdesign.tools.validators import validate_path

    relpath = _relpath(args.artifact)
    restored = restore_version(args.project, relpath, args.version)
    print(f"Restored {restored} from version {args.version}; the replaced text is in history.")
    print_findings(validate_path(restored), checked=1, quiet_info=True)
    return 0
