"""Gate-1 facts about a GGUF model and the training memory its vocabulary costs.

`inspect_gguf(path)` turns a parsed header (tools/gguf.py) into `ModelFacts`:
architecture, parameter count, training context, vocabulary, quantization, file
size, chat template. The hidden memory cost of a vocabulary is that logits are
materialised in fp32 whatever the weight quantization: bytes = vocab x sequence
length x 4. Gemma 3's 262,144-token vocabulary costs about 4.3 GB at 4,096 tokens.
"""

from __future__ import annotations

from math import prod
from pathlib import Path

from pydantic import BaseModel

from ftdesign.tools.gguf import ArrayInfo, read_header

LOGIT_BYTES = 4  # fp32 logits
GB = 1_000_000_000  # decimal gigabytes, as memory is quoted in model cards

# llama.cpp's llama_ftype enum (general.file_type); gaps are retired formats.
FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1",
    10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M",
    16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S",
    22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M",
    28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0",
    37: "TQ2_0", 38: "MXFP4_MOE", 39: "NVFP4", 40: "Q1_0", 41: "Q2_0",
}  # fmt: skip


class ModelFacts(BaseModel):
    """What the model-choice and token-budget gates need to know about one GGUF file."""

    path: str
    name: str | None
    architecture: str
    parameter_count: int
    size_label: str | None
    context_length: int | None
    vocab_size: int | None
    file_type: str
    file_size_bytes: int
    has_chat_template: bool

    def logits_bytes(self, seq_len: int) -> int:
        """Memory for one sequence's fp32 logits during training."""
        return logits_bytes(self.vocab_size or 0, seq_len)

    def seq_len_for_memory(self, memory_gb: float) -> int:
        """Longest sequence whose logits fit in `memory_gb` decimal gigabytes."""
        return seq_len_for_memory(self.vocab_size or 0, memory_gb)


def logits_bytes(vocab_size: int, seq_len: int) -> int:
    return vocab_size * seq_len * LOGIT_BYTES


def seq_len_for_memory(vocab_size: int, memory_gb: float) -> int:
    if vocab_size <= 0:
        return 0
    return int(memory_gb * GB) // (vocab_size * LOGIT_BYTES)


def _int_or_none(value: object) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def inspect_gguf(path: str | Path) -> ModelFacts:
    """Read the facts from the header only; weights are never loaded."""
    header = read_header(path)
    meta = header.metadata
    arch = str(meta.get("general.architecture", "unknown"))
    tokens = meta.get("tokenizer.ggml.tokens")
    vocab = _int_or_none(meta.get(f"{arch}.vocab_size"))
    if vocab is None and isinstance(tokens, ArrayInfo | list):
        vocab = tokens.length if isinstance(tokens, ArrayInfo) else len(tokens)
    type_id = _int_or_none(meta.get("general.file_type"))
    file_type = "unknown" if type_id is None else FILE_TYPES.get(type_id, f"type {type_id}")
    name = meta.get("general.name")
    label = meta.get("general.size_label")
    return ModelFacts(
        path=str(header.path),
        name=str(name) if name is not None else None,
        architecture=arch,
        parameter_count=sum(prod(shape) for shape in header.tensor_shapes.values()),
        size_label=str(label) if label is not None else None,
        context_length=_int_or_none(meta.get(f"{arch}.context_length")),
        vocab_size=vocab,
        file_type=file_type,
        file_size_bytes=header.file_size,
        has_chat_template="tokenizer.chat_template" in meta,
    )
