"""Judge prompt processing with and without prefix reuse, at equal agreement.

Our judge asks one criterion per call, like the seed project, but lays the
prompt out so consecutive calls share a prefix (instructions, conversation,
facts): llama.cpp keeps the previous prompt's KV cache and evaluates only the
new suffix. This replays a finished run's judge prompts in-process with
llama-cpp-python twice: reusing the cache, and resetting it before every call
(the seed's cost: every call processes its whole prompt). It prints prompt
tokens evaluated and llama.cpp's prompt time per conversation for both, and the
agreement on the calibration set for both (it must not change).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ftdesign.evals.calls import JUDGE_MAX_TOKENS
from ftdesign.evals.facts import conversation_facts
from ftdesign.evals.judge_prompt import Verdict, judge_messages
from ftdesign.evals.project import load_project
from ftdesign.evals.records import RunStore
from ftdesign.evals.reliability import example_transcript
from ftdesign.evals.scorer import applicable
from ftdesign.evals.transcript import Transcript

SCHEMA_NOTE = "Reply with one JSON object only, matching this JSON schema:\n"  # as the model layer


def _with_schema(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    schema = json.dumps(Verdict.model_json_schema(), separators=(",", ":"))
    system = {"role": "system", "content": f"{messages[0]['content']}\n\n{SCHEMA_NOTE}{schema}"}
    return [system, *messages[1:]]


def run_prompts(project: Path, run: Path) -> list[list[list[dict[str, str]]]]:
    """Per conversation of the run in folder `run`, its judge prompts in the order sent."""
    proj = load_project(project)
    store = RunStore(run)
    prompts = []
    for row in json.loads((run / "results.json").read_text(encoding="utf-8"))["scenarios"]:
        record = store.get(f"conversation:{row['id']}")
        assert record is not None
        transcript = Transcript.model_validate(record["data"])
        text = transcript.render()
        facts = conversation_facts(transcript, proj.avoid_phrases).render()
        prompts.append(
            [
                _with_schema(judge_messages(text, facts, cid, proj.rubric.criteria[cid]))
                for cid in applicable(proj.rubric, transcript.exchanges)
            ]
        )
    return prompts


def calibration_prompts(
    project: Path, per_criterion: int | None = None
) -> list[tuple[str, list[dict[str, str]]]]:
    proj = load_project(project)
    found: list[tuple[str, list[dict[str, str]]]] = []
    for cid, criterion in proj.rubric.criteria.items():
        for index, example in enumerate(criterion.calibration_examples[:per_criterion]):
            t = example_transcript(cid, index, example)
            facts = conversation_facts(t, proj.avoid_phrases).render()
            messages = judge_messages(t.render(), facts, cid, criterion, index)
            found.append((example.expected_answer, _with_schema(messages)))
    return found


def _judge(llm: Any, grammar: Any, messages: list[dict[str, str]], reuse: bool) -> tuple:
    import llama_cpp

    if not reuse:
        llm.reset()
    llama_cpp.llama_perf_context_reset(llm.ctx)
    reply = llm.create_chat_completion(
        messages=messages, grammar=grammar, temperature=0.0, max_tokens=JUDGE_MAX_TOKENS, seed=1234
    )
    perf = llama_cpp.llama_perf_context(llm.ctx)
    try:
        verdict = json.loads(reply["choices"][0]["message"]["content"])["verdict"]
    except (ValueError, KeyError):
        verdict = "ERROR"
    return perf.n_p_eval, perf.t_p_eval_ms, verdict


def judge_cache_benchmark(
    project: Path, run: Path, gguf: Path, per_criterion: int | None = None
) -> None:
    import llama_cpp

    threads = os.cpu_count() or 1
    llm = llama_cpp.Llama(
        model_path=str(gguf), n_ctx=8192, n_threads=threads, n_threads_batch=threads, verbose=False
    )
    grammar = llama_cpp.LlamaGrammar.from_json_schema(
        json.dumps(Verdict.model_json_schema()), verbose=False
    )
    conversations = run_prompts(project, run)
    calibration = calibration_prompts(project, per_criterion)
    print("judge prompt processing, one call per criterion (llama.cpp's own counters):")
    for reuse in (True, False):
        tokens = ms = 0.0
        for prompts in conversations:
            llm.reset()  # each conversation starts cold, as after the candidate's turns
            for messages in prompts:
                n, t, _ = _judge(llm, grammar, messages, reuse)
                tokens, ms = tokens + n, ms + t
        agree = 0
        for expected, messages in calibration:
            agree += _judge(llm, grammar, messages, reuse)[2] == expected
        per = max(len(conversations), 1)
        calls = sum(len(p) for p in conversations) / per
        print(
            f"  {'with prefix reuse   ' if reuse else 'without (seed style)'}:"
            f" {calls:.0f} calls, {tokens / per:.0f} prompt tokens evaluated and"
            f" {ms / per / 1000:.2f} s prompt time per conversation; calibration agreement"
            f" {agree}/{len(calibration)}"
        )


def main() -> None:
    """Replay a finished run of a project, e.g. with its full rubric after a quick run."""
    import argparse

    from ftdesign.evals.records import RUNS
    from ftdesign.models import embedded_gguf_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--run", type=Path, help="run folder (default: the newest)")
    parser.add_argument("--gguf", type=Path, help="judge GGUF (default: the embedded model)")
    parser.add_argument("--examples", type=int, help="calibration examples per criterion")
    args = parser.parse_args()
    runs = sorted((args.project / RUNS).glob("*/results.json"), key=lambda p: p.stat().st_mtime)
    run = args.run or (runs[-1].parent if runs else None)
    if run is None:
        raise SystemExit(f"no finished run under {args.project / RUNS}; run `ftdesign eval` first")
    judge_cache_benchmark(args.project, run, args.gguf or embedded_gguf_path(), args.examples)


if __name__ == "__main__":
    main()
