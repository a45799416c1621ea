"""The demo corpus that ships with newsdesk: fictional outlets and events, with truth."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

CORPUS = Path(__file__).with_name("corpus")
TRUTH = Path(__file__).with_name("truth.json")


@cache
def truth() -> dict:
    """The recorded truth: per page its story, metadata and body; per story its headline."""
    return json.loads(TRUTH.read_text(encoding="utf-8"))
