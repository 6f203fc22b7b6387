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

from evals.calls import JUDGE_MAX_TOKENS
from evals.facts import conversation_facts
from evals.judge_prompt import Verdict, judge_messages
from evals.project import load_project
from evals.records import RunStore
from evals.reliability import example_transcript
from evals.scorer import applicable
from evals.transcript import Transcript
from evals.writeup import RunOutput

SCHEMA_NOTE = "Reply with one JSON object only, matching this JSON schema:\n"  # as the model layer


def _with_schema(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    schema = json.dumps(Verdict.model_json_schema(), separators=(",", ":"))
    system = {"role": "system", "content": f"{messages[0]['content']}\n\n{SCHEMA_NOTE}{schema}"}
    return [system, *messages[1:]]


def run_prompts(project: Path, output: RunOutput) -> list[list[list[dict[str, str]]]]:
    """Per conversation, its judge prompts in the order the run sent them."""
    proj = load_project(project)
    store = RunStore(output.records.parent)
    prompts = []
    for row in output.results.scenarios:
        record = store.get(f"conversation:{row.id}")
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


def calibration_prompts(project: Path) -> list[tuple[str, list[dict[str, str]]]]:
    proj = load_project(project)
    found: list[tuple[str, list[dict[str, str]]]] = []
    for cid, criterion in proj.rubric.criteria.items():
        for index, example in enumerate(criterion.calibration_examples):
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


def judge_cache_benchmark(project: Path, output: RunOutput, gguf: Path) -> None:
    import llama_cpp

    threads = os.cpu_count() or 1
    llm = llama_cpp.Llama(
        model_path=str(gguf), n_ctx=8192, n_threads=threads, n_threads_batch=threads, verbose=False
    )
    grammar = llama_cpp.LlamaGrammar.from_json_schema(
        json.dumps(Verdict.model_json_schema()), verbose=False
    )
    conversations = run_prompts(project, output)
    calibration = calibration_prompts(project)
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
