"""The agent's guide search runs the embedding model once per new question, never per filter.

Real Chroma store (the user's default one, as the agent uses) and the real MiniLM model; the
embedder counts the texts it ran, so the tests pin how often the model runs, not how long.
"""

from __future__ import annotations

import asyncio
import uuid

from ftdesign.agent import retrieval
from ftdesign.agent.gates import SPECS
from ftdesign.agent.state import GATES
from ftdesign.knowledge.embedding import shared_embedding


def test_a_gate_search_with_its_domain_embeds_the_question_once() -> None:
    embedder = shared_embedding()
    question = f"how many exchanges should a conversation have {uuid.uuid4().hex}"
    asyncio.run(retrieval.gate_sources(question, "personas", "coaching", 4))  # loads the index
    before = embedder.texts_embedded
    fresh = f"which base model fits the hardware {uuid.uuid4().hex}"
    sources, notice = asyncio.run(retrieval.gate_sources(fresh, "model_choice", "coaching", 4))
    assert notice is None and sources
    assert embedder.texts_embedded - before == 1  # the domain search reused the gate's vector


def test_after_warm_up_a_draft_search_runs_no_model() -> None:
    assert retrieval.warm_gate_queries() is None
    embedder = shared_embedding()
    before = embedder.texts_embedded
    for step, spec in SPECS.items():
        if spec.query:
            gate = step if step in GATES else None  # as the draft node asks (agent/nodes.py)
            _, notice = asyncio.run(retrieval.gate_sources(spec.query, gate, "tutoring", 4))
            assert notice is None, step
    assert embedder.texts_embedded == before
