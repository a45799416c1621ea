"""newsdesk's own digest entries: ``<date>: Summary:`` … ``News Article:``, the
headline, the body, ``Read More``; the entry's timestamp is the published date.
"""

from __future__ import annotations

import re

from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.fields import find_dateline
from newsdesk.extract.language import guess_language
from newsdesk.extract.text.body import join_paragraphs
from newsdesk.extract.text.dates import parse_date
from newsdesk.extract.text.line import Line
from newsdesk.model import Article

_DIGEST_STAMP = re.compile(r"^(?P<stamp>.{6,60}?):\s*Summary:\s*$")
_DIGEST_ARTICLE = re.compile(r"^News Article:\s*$", re.I)
_DIGEST_END = re.compile(r"^Read More\b.{0,200}$", re.I)


def extract_digest(lines: list[Line], url: str, warnings: list[str]) -> Article | None:
    """A digest entry: ``<date>: Summary:`` ... ``News Article:`` title, body, ``Read More``."""
    marker = next((i for i, x in enumerate(lines[:400]) if _DIGEST_ARTICLE.match(x.text)), None)
    if marker is None:
        return None
    stamp = None
    for line in lines[:marker]:
        match = _DIGEST_STAMP.match(line.text)
        if match:
            stamp = parse_date(match.group("stamp"))
    rest = lines[marker + 1 :]
    stop = len(rest)
    for i, line in enumerate(rest):
        if _DIGEST_END.match(line.text) or _DIGEST_STAMP.match(line.text):
            stop = i
            break
    entries = sum(1 for x in lines if _DIGEST_ARTICLE.match(x.text[:40]))
    if entries > 1:
        warnings.append(f"{entries - 1} further digest entries ignored")
    rest = rest[:stop]
    if len(rest) < 2:
        raise ExtractionError(f"{url or '<text>'}: digest entry without an article")
    title = rest[0].text
    body = rest[1:]
    text = join_paragraphs(body)
    if stamp is not None:
        warnings.append("published is the digest's timestamp")
    else:
        warnings.append("no date found")
    return Article(
        url=url,
        title=title,
        text=text,
        published=stamp,
        dateline=find_dateline(body[0].text),
        language=guess_language(text),
        outlet=None,
        warnings=warnings,
    )
