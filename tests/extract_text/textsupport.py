"""Helpers shared by the text-render tests: a model article body, renders made of pieces,
the shared samples, bag-of-words F1."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.model import RawDocument

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


DEMO = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "demo"


BODY = [
    "PORT AVERY – The city council voted on Tuesday to rebuild the old harbour bridge, "
    "ending a decade of debate over the crossing that links the two halves of the town.",
    "The plan, which will cost about $40 million, was approved by seven votes to two after "
    "a long session in which residents spoke for and against the design.",
    "Work is expected to begin next spring and to last two years, during which a ferry "
    "service will carry commuters across the water, the mayor said.",
    "Opponents said they would keep pressing for a cheaper repair of the existing bridge, "
    "which engineers have described as unsafe for heavy traffic since 2019.",
]


def page(*parts: str | list[str]) -> str:
    """A render from pieces: strings are lines, lists are blocks separated by blank lines."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, list):
            out.append("\n\n".join(part))
        else:
            out.append(part)
    return "\n".join(out)


def raw(text: str | bytes, url: str = "https://example.test/a") -> RawDocument:
    content = text.encode() if isinstance(text, str) else text
    return RawDocument(url=url, content=content, content_type="text/plain")


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def f1(got: str, want: str) -> float:
    a, b = Counter(tokens(got)), Counter(tokens(want))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"shared sample {path} not present (the ../shared checkout is missing)")
    return path


JAPANESE = [
    "市議会は火曜日、港の古い橋を建て替える計画を賛成多数で可決し、十年にわたる議論に決着をつけた。"
    "工事は来年の春に始まり、二年間続く見込みだと市長は記者会見で述べた。",
    "計画の費用はおよそ四十億円で、住民の間では賛否が分かれている。反対派は既存の橋の補修で"
    "十分だと主張しており、今後も議会に働きかけを続けるとしている。",
]
