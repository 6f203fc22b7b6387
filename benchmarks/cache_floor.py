"""The cache floor of a run: prompt tokens no prefix cache could have avoided.

For each request, its prompt's token length minus the longest prefix it shares with
any earlier prompt of the same role; summed, that is what a server keeping every
earlier prompt of the role would still evaluate. llama.cpp's own count of evaluated
tokens divided by it says how close the serving layout comes (target <= 1.15).
Prompts are rendered with the GGUF's chat template as llama_cpp.server does; the
judge's carry the models layer's schema note (bench_judge_cache._with_schema).
Run alone (`python benchmarks/cache_floor.py [DOMAIN]`) it prints the growth table for
scripted messages, without a model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench_judge_cache import _with_schema

from ftdesign.tools.tokens import get_tokenizer

Prompts = list[tuple[str, list[dict[str, str]]]]  # (role, messages) in the order sent


def token_ids(messages: list[dict[str, str]], gguf: Path) -> list[int]:
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    tokenizer = get_tokenizer(gguf)
    formatter = Jinja2ChatFormatter(
        str(tokenizer.template), tokenizer.eos, tokenizer.bos, add_generation_prompt=True
    )
    prompt = formatter(messages=[dict(m) for m in messages]).prompt  # type: ignore[misc]
    return list(tokenizer.backend.tokenize(prompt.encode(), add_bos=False, special=True))


def _shared(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def floors(prompts: Prompts, ggufs: dict[str, Path]) -> list[tuple[str, int, int]]:
    """Per request: (role, prompt length, tokens beyond its longest earlier shared prefix)."""
    seen: dict[str, list[list[int]]] = {}
    rows = []
    for role, messages in prompts:
        ids = token_ids(_with_schema(messages) if role == "judge" else messages, ggufs[role])
        earlier = seen.setdefault(role, [])
        cached = max((_shared(ids, old) for old in earlier), default=0)
        rows.append((role, len(ids), len(ids) - cached))
        earlier.append(ids)
    return rows


def report(rows: list[tuple[str, int, int]], evaluated: dict[str, int]) -> None:
    """`evaluated`: llama.cpp's evaluated prompt tokens, per role or under "all"."""
    print("cache floor (prompt tokens no prefix cache could avoid), per role:")
    for role in dict.fromkeys(r[0] for r in rows):
        own = [r for r in rows if r[0] == role]
        full, floor = sum(r[1] for r in own), sum(r[2] for r in own)
        done = evaluated.get(role)
        ratio = f"; evaluated {done}, ratio {done / floor:.2f}" if done is not None else ""
        print(f"  {role:<9} {len(own):3} requests, prompts {full:6}, floor {floor:6}{ratio}")
    floor = sum(r[2] for r in rows)
    total = sum(evaluated.values())
    print(
        f"  all roles: floor {floor}, evaluated by llama.cpp {total},"
        f" ratio {total / floor:.2f} (target <= 1.15)"
    )


def growth(rows: list[tuple[str, int, int]], turns: int) -> None:
    """Prefilled tokens per conversation after 3, 6 and 12 exchanges (up to `turns`):
    without a per-role cache (every prompt in full) and at the cache floor. Needs the
    conversations run one at a time (concurrency 1), so their requests come in order."""
    talk = [r for r in rows if r[0] in ("simulator", "candidate")]
    size = 2 * turns
    conversations = [talk[i : i + size] for i in range(0, len(talk), size)]
    print(f"prefilled tokens per conversation ({len(conversations)} conversation(s), mean):")
    print("  exchanges  no per-role cache  cache floor")
    for k in (3, 6, 12):
        if k > turns:
            continue
        full = sum(sum(r[1] for r in c[: 2 * k]) for c in conversations) / len(conversations)
        floor = sum(sum(r[2] for r in c[: 2 * k]) for c in conversations) / len(conversations)
        print(f"  {k:9}  {full:17.0f}  {floor:11.0f}")


def scripted_growth(domain: Path, turns: int = 12, words: int = 110, scenarios: int = 2) -> None:
    """The growth table without a model: the real solver with every message `words` words
    long (about 150 tokens, as in issue 16), prompts rendered with the embedded template."""
    import asyncio

    from ftdesign.evals.dataset import build_dataset
    from ftdesign.evals.project import load_project
    from ftdesign.evals.solver import Prompts, simulate
    from ftdesign.models import Completion, embedded_gguf_path

    proj = load_project(domain)
    sent: Prompts = []
    text = " ".join(["so"] * words)

    async def chat(role: str, messages: list[dict[str, str]], seed: int, _: int | None) -> Any:
        sent.append((role, messages))
        return Completion(f"{seed} {text}", "stop", 0, words, "scripted")

    prompts = Prompts(user_sim=proj.user_sim, system=proj.system_prompt)
    for sample in build_dataset(proj.taxonomy, proj.personas, scenarios, seed=0):
        asyncio.run(simulate(sample, prompts, chat, turns=turns))
    smol = embedded_gguf_path()
    print(f"scripted messages of {words} words, {scenarios} conversations of {turns} exchanges:")
    growth(floors(sent, {"simulator": smol, "candidate": smol}), turns)


if __name__ == "__main__":
    import sys

    domains = Path(__file__).resolve().parents[1] / "knowledge" / "domains"
    scripted_growth(domains / (sys.argv[1] if len(sys.argv) > 1 else "coaching"))
