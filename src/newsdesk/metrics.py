"""Scores for extraction and clustering, shared by the tests and the benchmarks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Mapping

_TOKEN = re.compile(r"\w+")


def token_f1(predicted: str, truth: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of an extracted text against the truth."""
    p, t = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(truth.lower()))
    overlap = sum((p & t).values())
    if not p or not t or not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def bcubed(predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against the truth."""
    items = [i for i in truth if i in predicted]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    by_pred: dict[Hashable, set[str]] = {}
    by_true: dict[Hashable, set[str]] = {}
    for i in items:
        by_pred.setdefault(predicted[i], set()).add(i)
        by_true.setdefault(truth[i], set()).add(i)
    precision = recall = 0.0
    for i in items:
        same_pred, same_true = by_pred[predicted[i]], by_true[truth[i]]
        both = len(same_pred & same_true)
        precision += both / len(same_pred)
        recall += both / len(same_true)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
