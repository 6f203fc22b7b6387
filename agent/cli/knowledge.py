"""`ftdesign knowledge build|search`: a thin shell over the `knowledge` package."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from ftdesign.knowledge.checklists import GATES  # light: reads no store, imports no Chroma


def add_parser(subparsers: Any) -> None:
    """Add `knowledge build` and `knowledge search`."""
    parser = subparsers.add_parser("knowledge", help="build or search the knowledge base")
    actions = parser.add_subparsers(dest="knowledge_command", required=True, metavar="ACTION")

    build = actions.add_parser("build", help="ingest the guides (re-embeds only what changed)")
    build.add_argument("--store", metavar="DIR", help="store directory (default: user cache)")
    build.add_argument("--json", action="store_true", help="print the build report as JSON")
    build.set_defaults(handler=run_build)

    search = actions.add_parser("search", help="answer a question from the guides")
    search.add_argument("question")
    search.add_argument("--k", type=int, default=3, help="number of hits (default 3)")
    search.add_argument("--gate", choices=GATES, help="only chunks of this gate")
    search.add_argument("--domain", help="only chunks of this domain (guides are 'general')")
    search.add_argument("--mode", choices=("hybrid", "dense", "lexical"), default="hybrid")
    search.add_argument("--store", metavar="DIR", help="store directory (default: user cache)")
    search.add_argument("--json", action="store_true", help="print hits as a JSON list")
    search.set_defaults(handler=run_search)


def run_build(args: argparse.Namespace) -> int:
    from ftdesign import knowledge
    report = knowledge.build(args.store)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(
            f"{report.location}: {report.total} chunks; added {report.added}, updated "
            f"{report.updated}, removed {report.removed}, unchanged {report.unchanged} "
            f"({report.seconds:.2f} s)"
        )
    return 0


def run_search(args: argparse.Namespace) -> int:
    from ftdesign import knowledge
    hits = knowledge.search(
        args.question,
        k=args.k,
        gate=args.gate,
        domain=args.domain,
        mode=args.mode,
        store_dir=args.store,
    )
    if args.json:
        print(json.dumps([hit.to_dict() for hit in hits], indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print("no matching knowledge; try other words or drop --gate/--domain")
    for number, hit in enumerate(hits, 1):
        print(f"[{number}] {hit.source} > {hit.section}  (gate {hit.gate}, score {hit.score:.4f})")
        body = hit.text.split("\n\n", 1)[-1]
        print(textwrap.indent(body.strip(), "    "), end="\n\n")
    return 0
