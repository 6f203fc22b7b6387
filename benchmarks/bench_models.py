"""Benchmark: the embedded model through our interface vs raw llama-cpp-python.

Run `python benchmarks/bench_models.py [--runs N] [--max-tokens N]`. Same prompt, same
greedy sampling and seed, same thread count. Prints generated tokens per second
(median of N interleaved runs, after one warm-up each) for raw in-process
llama-cpp-python, for the bare OpenAI SDK against our llama.cpp server, and for
our interface (`models.complete`), then the ratio ours / raw: the cost of the
server process, HTTP and LangChain together. Absolute speed depends on machine
load (printed); the ratio is what this benchmark is for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

MESSAGES = [
    {"role": "system", "content": "You are a helpful writing assistant."},
    {"role": "user", "content": "Write a short story about a lighthouse keeper and a storm."},
]
SEED = 7


def _rates(calls: dict[str, Callable[[], int]], runs: int) -> dict[str, float]:
    """Median tokens/s per call; runs are interleaved so load changes hit all alike."""
    for call in calls.values():
        call()  # warm-up: server start, model load, prompt cache
    rates: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            start = time.perf_counter()
            tokens = call()
            rates[name].append(tokens / (time.perf_counter() - start))
    return {name: statistics.median(values) for name, values in rates.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-tokens", type=int, default=128)
    args = parser.parse_args()

    import llama_cpp
    import openai

    from ftdesign.models import complete, default_threads, embedded_gguf_path, get_model

    gguf, threads = embedded_gguf_path(), default_threads()
    sampling = {"max_tokens": args.max_tokens, "temperature": 0.0, "seed": SEED}
    model = get_model("agent")  # starts the embedded server
    client = openai.OpenAI(base_url=str(model.openai_api_base), api_key="not-needed")
    llama = llama_cpp.Llama(
        model_path=str(gguf), n_ctx=8192, n_threads=threads, n_threads_batch=threads,
        verbose=False,
    )  # fmt: skip

    def ours() -> int:
        return complete("agent", MESSAGES, **sampling).completion_tokens

    def sdk() -> int:
        reply = client.chat.completions.create(
            model=model.model_name,
            messages=MESSAGES,  # type: ignore[arg-type]
            **sampling,  # type: ignore[arg-type]
        )
        return reply.usage.completion_tokens if reply.usage else 0

    def raw() -> int:
        reply = llama.create_chat_completion(messages=MESSAGES, **sampling)  # type: ignore[arg-type]
        return int(reply["usage"]["completion_tokens"])  # type: ignore[index]

    rates = _rates({"raw": raw, "sdk": sdk, "ours": ours}, args.runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"model: {gguf.name}; {threads} thread(s); {args.max_tokens} max tokens; "
          f"median of {args.runs} interleaved runs; load average {load:.1f}")  # fmt: skip
    print(f"raw llama-cpp-python (in-process): {rates['raw']:7.1f} tok/s")
    print(f"OpenAI SDK -> our llama.cpp server: {rates['sdk']:7.1f} tok/s")
    print(f"models.complete (LangChain):     {rates['ours']:7.1f} tok/s")
    ratio = rates["ours"] / rates["raw"]
    print(f"ratio ours / raw: {ratio:.2f}  (overhead {100 * (1 - ratio):+.0f} %)")


if __name__ == "__main__":
    main()
