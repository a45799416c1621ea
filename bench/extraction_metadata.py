"""Metadata benchmark: title, author and date on WCXB-dev articles, newsdesk beside trafilatura.

Data: ``../shared/bench/extraction/wcxb-dev`` (``ground-truth/*.json`` gives ``title``,
``author`` and ``publish_date`` as the page shows them; ``metadata.json`` the page type and
domain). Only article pages count. Pages are split by domain (a stable hash) into a tune
half and a held-out half; both are reported, with all pages.

Per field, the share of pages where the extractor is right:

- title exact: the same text, white space collapsed, case ignored;
- author exact: the same names (split at commas, semicolons, "&" and "and"; case, white
  space and a leading "By" ignored); a page without an author is right when none is given;
- date exact: the same calendar day as the truth, read in the page's own time zone (over
  the pages whose truth has a date; one truth gives only a month, matched as such);
- date found: a date given at all (same pages);
- false date: a date given on a page whose truth has none;
- truth is the update: of the wrong dates, those where the truth is a date the page marks
  as its update (``dateModified``, ``article:modified_time``, a printed "Updated ...")
  while the extractor gave another one. newsdesk prefers the publication date over the
  update, as the issue asks; the ground truth often records the update;
- truth not on the page: of the wrong dates, those whose truth day is written nowhere in
  the page's HTML or URL (ISO, slashed or dotted numbers, or a month name): no extractor
  can read it from the page;
- date exact, truth on the page: date exact over the pages whose truth day the page writes.

newsdesk runs its whole HTML extraction (``newsdesk.extract.html.extract_html``, fetched
now); a page it refuses counts as nothing found. trafilatura runs ``extract_metadata`` with
its defaults (what ``bare_extraction`` does with ``with_metadata=True``).

    python bench/extraction_metadata.py            # writes bench/results/extraction_metadata.md
    python bench/extraction_metadata.py --half tune --misses newsdesk   # pages it gets wrong
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS, load_wcxb, load_wcxb_page, md_table, split_by_domain  # noqa: E402

FIELDS = ("title", "author", "date")
EXTRACTORS = ("newsdesk", "trafilatura")
_NAME_SPLIT = re.compile(r"\s*(?:[,;&]|\band\b)\s*", re.I)
_MODIFIED_STAMP = re.compile(
    r"(?:dateModified\"?\s*:\s*\"|modified_time\"\s+content=\")(\d{4}-\d{2}-\d{2})", re.I
)
_UPDATED_PRINTED = re.compile(
    r"(?:updated|modified)\W{0,3}(?:on\W+)?(?:<[^>]{0,200}>\s*)*"
    r"([A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}|\d{4}-\d{2}-\d{2})",
    re.I,
)


def update_days(html: str) -> set[str]:
    """The days (ISO) a page marks as its update, in markup or printed after "Updated"."""
    from dateutil import parser as dateparser

    days = set(_MODIFIED_STAMP.findall(html))
    for printed in _UPDATED_PRINTED.findall(html):
        with contextlib.suppress(ValueError, OverflowError):
            days.add(dateparser.parse(printed).date().isoformat())
    return days


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WRITTEN_DAYS = (
    re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),  # 2019-09-29, 2019/09/29
    re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)"),  # 09/29/2019, 29.09.2019
    re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I),
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+(\d{{4}})\b", re.I),
)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def written_days(html: str) -> set[str]:
    """Every day (ISO) the page writes, in the common numeric and month-name forms; a
    numeric day-month pair that could be read both ways counts both ways."""
    days: set[str] = set()

    def add(year: str, month: str | int, day: str | int) -> None:
        with contextlib.suppress(ValueError):
            days.add(date(int(year), int(month), int(day)).isoformat())

    iso, numeric, month_first, day_first = _WRITTEN_DAYS
    for y, m, d in iso.findall(html):
        add(y, m, d)
    for a, b, y in numeric.findall(html):
        add(y, a, b), add(y, b, a)
    for m, d, y in month_first.findall(html):
        add(y, _MONTHS.get(m[:3].lower(), 0), d)
    for d, m, y in day_first.findall(html):
        add(y, _MONTHS.get(m[:3].lower(), 0), d)
    return days


def _newsdesk() -> Callable[[bytes, str], dict]:
    from newsdesk.extract.errors import ExtractionError
    from newsdesk.extract.html import extract_html
    from newsdesk.model import RawDocument

    def run(page: bytes, url: str) -> dict:
        try:
            art = extract_html(RawDocument(url=url, content=page, content_type="text/html"))
        except ExtractionError:
            return {}
        return {
            "title": art.title,
            "author": art.author,
            "date": art.published.date() if art.published else None,
        }

    return run


def _trafilatura() -> Callable[[bytes, str], dict]:
    import trafilatura

    def run(page: bytes, url: str) -> dict:
        doc = trafilatura.extract_metadata(page.decode("utf-8", "replace"), default_url=url)
        found = date.fromisoformat(doc.date[:10]) if doc and doc.date else None
        return {"title": doc.title, "author": doc.author, "date": found} if doc else {}

    return run


def _text(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


def _names(value: str | None) -> frozenset[str]:
    text = re.sub(r"^by\s+", "", _text(value))
    return frozenset(n for n in _NAME_SPLIT.split(text) if n)


def judge(truth: dict, found: dict) -> dict[str, bool | None]:
    """Right or wrong per field for one page (``None``: the field does not count here)."""
    want_date = truth["publish_date"]  # "YYYY-MM-DD", or "YYYY-MM" where the page says no more
    have_date = found.get("date")
    shown = want_date and any(d.startswith(want_date) for d in truth.get("written_days", ()))
    return {
        "title": _text(found.get("title")) == _text(truth["title"]),
        "author": _names(found.get("author")) == _names(truth["author"]),
        "date": bool(have_date and have_date.isoformat().startswith(want_date))
        if want_date
        else None,
        "date found": (have_date is not None) if want_date else None,
        "false date": (have_date is not None) if not want_date else None,
        "truth is the update": (
            have_date is not None
            and not have_date.isoformat().startswith(want_date)
            and want_date in truth.get("update_days", ())
        )
        if want_date
        else None,
        "truth not on the page": (
            not (have_date and have_date.isoformat().startswith(want_date)) and not shown
        )
        if want_date
        else None,
        "date, truth on the page": bool(have_date and have_date.isoformat().startswith(want_date))
        if want_date and shown
        else None,
    }


def predictions(
    ids: list[str] | None = None, names: tuple[str, ...] = EXTRACTORS
) -> tuple[dict[str, dict], dict[str, dict]]:
    """(truth, {extractor: {page id: found fields}}) on WCXB-dev article pages (``ids``
    narrows them), for the extractors in ``names``."""
    truth = {i: p for i, p in load_wcxb().items() if p["page_type"] == "article"}
    if ids is not None:
        truth = {i: truth[i] for i in ids if i in truth}
    makers = {"newsdesk": _newsdesk, "trafilatura": _trafilatura}
    runners = {name: makers[name]() for name in names}
    found: dict[str, dict] = {name: {} for name in runners}
    for page_id, page in truth.items():
        html = load_wcxb_page(page_id)
        text = html.decode("utf-8", "replace")
        page["update_days"] = update_days(text)
        page["written_days"] = written_days(f"{page['url']} {text}")
        for name, run in runners.items():
            found[name][page_id] = run(html, page["url"])
    return truth, found


COLUMNS = (
    "title exact", "author exact", "date exact", "date found", "false date",
    "wrong date: truth is the update", "wrong date: truth not on the page",
    "date exact, truth on the page",
)  # fmt: skip
_KEYS = (
    "title", "author", "date", "date found", "false date", "truth is the update",
    "truth not on the page", "date, truth on the page",
)  # fmt: skip


def metadata_table(ids: list[str] | None = None) -> str:
    """The metadata table (Markdown) on WCXB-dev article pages, newsdesk and trafilatura
    side by side, for all pages and the tune and held-out domain halves.

    ``ids`` (WCXB page ids) narrows the run; non-article ids are ignored.
    """
    truth, found = predictions(ids)
    halves = split_by_domain(truth)
    rows = []
    for half in ("all", "tune", "held-out"):
        for name in EXTRACTORS:
            verdicts = [judge(truth[i], found[name][i]) for i in halves[half]]
            cells = []
            for key in _KEYS:
                counted = [v[key] for v in verdicts if v[key] is not None]
                share = f"{sum(counted) / len(counted):.3f}" if counted else "–"
                cells.append(f"{share} ({sum(counted)}/{len(counted)})")
            rows.append((half, name, len(verdicts), *cells))
    return md_table(("pages", "extractor", "n", *COLUMNS), rows)


def misses(name: str, ids: list[str] | None = None, field: str | None = None) -> list[str]:
    """One line per page and field that ``name`` gets wrong (for tuning on the tune half)."""
    truth, found = predictions(ids, (name,))
    lines = []
    for page_id, page in truth.items():
        verdict = judge(page, found[name][page_id])
        for key in ("title", "author", "date"):
            if verdict[key] is False and field in (None, key):
                want = page["publish_date"] if key == "date" else page[key]
                lines.append(
                    f"{page_id} {page['domain']} {key}: want {want!r} got "
                    f"{found[name][page_id].get(key)!r}"
                )
    return lines


def _report(table: str) -> str:
    return "\n".join(
        [
            "# Metadata on WCXB-dev article pages",
            "",
            "Written by `python bench/extraction_metadata.py`. Share of article pages where the",
            "field is right: title and author exact (case and white space ignored; authors as",
            "a set of names), date exact to the day in the page's own time zone and date found",
            "(both over pages whose truth has a date), false date (a date on a page whose truth",
            "has none; lower is better). The last column: pages where the extractor's date is",
            "wrong and the truth is the date the page marks as its update (newsdesk gives the",
            "publication date there, as the issue asks); pages where it is wrong and the truth",
            "day is written nowhere in the page or its URL; and date exact over the pages that",
            "do write their truth day. Domain halves by a stable hash of the domain; rules were",
            "tuned on the tune half only.",
            "",
            table,
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("all", "tune", "held-out"), default="all")
    parser.add_argument("--misses", choices=EXTRACTORS, help="list the pages this one misses")
    parser.add_argument("--field", choices=FIELDS, help="with --misses: only this field")
    args = parser.parse_args()
    ids = None
    if args.half != "all":
        articles = {i: p for i, p in load_wcxb().items() if p["page_type"] == "article"}
        ids = split_by_domain(articles)[args.half]
    if args.misses:
        print("\n".join(misses(args.misses, ids, args.field)))
        return
    table = metadata_table(ids)
    print(table)
    if args.half == "all":
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "extraction_metadata.md").write_text(_report(table), "utf-8")


if __name__ == "__main__":
    main()
