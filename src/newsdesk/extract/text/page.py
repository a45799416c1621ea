"""A rendered page -> Article: classify the lines, find the body run, keep its
article lines, then read title, subtitle, section, author, date, outlet and rights
around it. Warnings say what was guessed or not found.
"""

from __future__ import annotations

from datetime import datetime

from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.fields import clean_title, find_dateline
from newsdesk.extract.language import guess_language
from newsdesk.extract.text.body import body_lines, drop_lead_in, join_paragraphs, list_after
from newsdesk.extract.text.bylines import find_author, name_beside_date
from newsdesk.extract.text.classify import classify, teaser_starts
from newsdesk.extract.text.dates import DATE_LABEL, find_published, find_relative_date
from newsdesk.extract.text.line import Line
from newsdesk.extract.text.outlet import find_outlet, find_rights, outlet_from_url
from newsdesk.extract.text.run import best_run, extend_run, guess_body
from newsdesk.extract.text.title import (
    fallback_title,
    find_breadcrumb_section,
    find_subtitle,
    find_title,
)
from newsdesk.model import Article


def extract_page(lines: list[Line], url: str, warnings: list[str], fetched_at: datetime) -> Article:
    name = url or "<text>"
    if not lines:
        raise ExtractionError(f"{name}: empty document")
    classify(lines)
    teaser_starts(lines)
    span = best_run(lines)
    if span is not None:
        span = extend_run(lines, span)
        span = span[0], list_after(lines, span[1])
    body = drop_lead_in(lines, body_lines(lines, span)) if span else []
    words = sum(x.words for x in body)
    if words < 15:
        body = guess_body(lines)
        words = sum(x.words for x in body)
        if not body:
            raise ExtractionError(f"{name}: no article text found (no prose in the render)")
        warnings.append("no clear article body; the text is a best guess")
    position = {id(x): i for i, x in enumerate(lines)}
    start, end = position[id(body[0])], position[id(body[-1])]
    if words < 80:
        warnings.append(f"short body ({words} words)")
    text = join_paragraphs(body)

    title_index, title, section, outlet_hint = find_title(lines, start)
    if title is None:
        title = fallback_title(body[0].text)
        warnings.append("no title found; using the opening words of the body")
        subtitle = None
        title_index = start
    else:
        subtitle = find_subtitle(lines, title_index, start, title)
    if section is None:
        section = find_breadcrumb_section(lines, title_index)

    before = list(range(start - 1, max(-1, start - 80), -1))  # nearest first
    after = list(range(end + 1, min(len(lines), end + 8)))
    author = find_author(lines, before + after)
    if author is None and title_index < start:
        author = name_beside_date(
            lines, title_index + 1, start, {title, section or "", subtitle or ""}
        )
    if author is None:
        warnings.append("no author found")
    published = find_published(lines, list(range(max(0, start - 80), start)))
    if published is None:
        published = find_published(
            lines, [i for i in after if DATE_LABEL.match(lines[i].text[:40])]
        )
    if published is None:
        published = find_relative_date(lines, range(max(0, start - 80), start), fetched_at)
        if published is not None:
            warnings.append("published estimated from a relative date and the fetch time")
    if published is None:
        warnings.append("no date found")

    outlet = find_outlet(lines, min(start, title_index), end, title, url) or outlet_hint
    rights = find_rights(lines, after, outlet)

    if outlet is None:
        outlet = outlet_from_url(url)
        if outlet is None:
            warnings.append("no outlet found")
    if author and outlet and author == outlet:
        outlet = outlet_hint or outlet
    title = clean_title(title, outlet)
    return Article(
        url=url,
        title=title,
        text=text,
        subtitle=subtitle,
        author=author,
        published=published,
        dateline=find_dateline(body[0].text),
        outlet=outlet,
        section=section,
        language=guess_language(text),
        rights=rights,
        warnings=warnings,
    )
