"""The GGUF inspector against real files, checked with llama.cpp's own reading of them."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import llama_cpp
import pytest

from ftdesign.agent.cli import main
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.gguf import read_header
from ftdesign.tools.gguf_facts import FILE_TYPES, inspect_gguf, logits_bytes, seq_len_for_memory


@pytest.fixture(scope="module")
def llama_views(smollm2_gguf: Path, gemma_gguf: Path) -> dict[str, llama_cpp.Llama]:
    """llama.cpp's own reading of each file (vocabulary only; it still counts parameters)."""
    return {
        name: llama_cpp.Llama(model_path=str(path), vocab_only=True, verbose=False)
        for name, path in (("smollm2", smollm2_gguf), ("gemma", gemma_gguf))
    }


@pytest.mark.parametrize(
    ("name", "vocab", "context", "file_type", "arch"),
    [("smollm2", 49152, 8192, "Q4_1", "llama"), ("gemma", 262144, 32768, "Q4_K_M", "gemma3")],
)
def test_facts_match_llama_cpp(request, llama_views, name, vocab, context, file_type, arch):
    path = request.getfixturevalue("smollm2_gguf" if name == "smollm2" else "gemma_gguf")
    facts = inspect_gguf(path)
    llama = llama_views[name]
    assert (facts.vocab_size, facts.context_length, facts.file_type) == (vocab, context, file_type)
    assert facts.architecture == arch == llama.metadata["general.architecture"]
    assert facts.vocab_size == llama.n_vocab()
    assert facts.context_length == int(llama.metadata[f"{arch}.context_length"])
    assert FILE_TYPES[int(llama.metadata["general.file_type"])] == facts.file_type
    assert facts.parameter_count == llama_cpp.llama_model_n_params(llama.model)
    assert facts.file_size_bytes == path.stat().st_size
    assert facts.has_chat_template == ("tokenizer.chat_template" in llama.metadata)


def test_file_type_names_agree_with_llama_cpp_constants():
    constants = {
        name.split("_", 3)[-1]: getattr(llama_cpp, name)
        for name in dir(llama_cpp)
        if name.startswith(("LLAMA_FTYPE_MOSTLY_", "LLAMA_FTYPE_ALL_"))
    }
    assert constants, "llama_cpp no longer exports LLAMA_FTYPE_* constants"
    assert {v: k for k, v in constants.items()} == FILE_TYPES


def test_gemma_vocabulary_memory_fact(gemma_gguf):
    facts = inspect_gguf(gemma_gguf)
    assert facts.logits_bytes(4096) == 262144 * 4096 * 4
    assert round(facts.logits_bytes(4096) / 1e9, 1) == 4.3
    fits = facts.seq_len_for_memory(4.3)
    assert logits_bytes(262144, fits) <= 4.3e9 < logits_bytes(262144, fits + 1)
    assert seq_len_for_memory(0, 10) == 0


def test_cli_inspect_reports_true_figures(smollm2_gguf, gemma_gguf, capsys):
    assert main(["inspect", str(gemma_gguf), "--seq-len", "4096", "--memory-gb", "4.3"]) == 0
    text = capsys.readouterr().out
    assert "262,144 tokens" in text and "Q4_K_M" in text and "4.29 GB at 4,096 tokens" in text
    assert main(["inspect", str(smollm2_gguf), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["vocab_size"], data["context_length"], data["file_type"]) == (49152, 8192, "Q4_1")
    assert data["has_chat_template"] is True


@pytest.mark.parametrize("fraction", [0.0001, 0.01, 0.3, 0.7, 0.9999])
def test_truncated_file_is_named(smollm2_gguf, tmp_path, fraction):
    header_end = read_header(smollm2_gguf).header_bytes
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(smollm2_gguf.read_bytes()[: max(int(header_end * fraction), 1)])
    with pytest.raises(FtdesignError, match="cut.gguf: not a readable GGUF"):
        inspect_gguf(cut)


@pytest.mark.parametrize(
    "content",
    [
        b"this is a text file, not a model\n" * 4,
        b"GGUF" + struct.pack("<IQQ", 99, 0, 0),  # unknown version
        b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**62),  # absurd key length
        b"GGUF"
        + struct.pack("<IQQ", 3, 0, 1)
        + struct.pack("<Q", 1)
        + b"k"
        + struct.pack("<I", 77),
    ],
)
def test_foreign_or_corrupt_file_is_named(tmp_path, content):
    bad = tmp_path / "model.gguf"
    bad.write_bytes(content)
    with pytest.raises(FtdesignError, match="model.gguf"):
        inspect_gguf(bad)


def test_cli_inspect_bad_file_exits_2(tmp_path, capsys):
    assert main(["inspect", str(tmp_path / "missing.gguf")]) == 2
    assert "missing.gguf: no such model file" in capsys.readouterr().err
