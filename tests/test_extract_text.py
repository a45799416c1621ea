"""Article extraction from text renders of pages (newsdesk.extract.text)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.language import guess_language
from newsdesk.extract.text import extract_text, extract_text_string
from newsdesk.model import RawDocument

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
DEMO = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "demo"

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


# ---------------------------------------------------------------------------
# The two shared samples


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"shared sample {path} not present (the ../shared checkout is missing)")
    return path


def test_sample_text_render_004() -> None:
    path = sample("004_581a4c5e22a6216a.txt")
    article = extract_text(raw(path.read_bytes(), path.as_uri()))
    assert article.title == (
        "Amid Strained China Relations, Trump Extends Invitation to Japan’s Leader "
        "for Strengthened US Alliance"
    )
    assert article.subtitle == (
        "Japan says Trump has invited its leader to the US. "
        "It comes as ties with China are strained"
    )
    assert article.author == "NewsFinale Journal"
    assert article.published == datetime(2026, 1, 3, tzinfo=UTC)
    assert article.outlet == "NewsFinale"
    assert article.section == "Local News"
    assert article.dateline == "WASHINGTON"
    assert article.language == "en"
    assert article.text.startswith("WASHINGTON – In a telephone conversation on Friday")
    assert article.text.endswith("without disclosing if the two talked about her remarks.")
    assert len(article.paragraphs) == 12
    for junk in ("Up next", "Funeral held", "Share and Follow", "Facebook", "You May Also Like",
                 "Tampa", "Sitemap", "Copyright", "Home", "Published on"):  # fmt: skip
        assert junk not in article.text, junk
    assert article.rights is not None
    assert article.rights.startswith("Copyright 2026 The Associated Press. All rights reserved.")
    assert article.rights.endswith("redistributed without permission.")
    assert article.url == path.as_uri()


def test_sample_digest_entry_000() -> None:
    path = sample("000_e8cf59d65981fe4b.txt")
    article = extract_text(raw(path.read_bytes(), path.as_uri()))
    assert article.title == (
        "Trump Invites Japanese PM Takaichi to U.S. Amid Rising Regional Tensions"
    )
    assert article.dateline == "WASHINGTON, D.C."
    assert article.text.startswith("WASHINGTON, D.C. – President Donald Trump has extended")
    assert article.text.endswith(
        "ahead of a potential visit by President Trump to Beijing in April."
    )
    assert len(article.paragraphs) == 5
    for junk in ("Summary:", "News Article:", "Read More", "escalating tensions"):
        assert junk not in article.text


# ---------------------------------------------------------------------------
# One small render per heuristic


def test_repeated_menus_and_outlet() -> None:
    menu = ["Harbour Herald", "  • Home", "  • World", "  • Local", "  • Sports", "  • Opinion"]
    text = page(
        *menu,
        *menu,
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        BODY,
        "",
        *menu[1:],
    )
    article = extract_text_string(text)
    assert article.outlet == "Harbour Herald"
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert article.paragraphs == BODY


@pytest.mark.parametrize("field", ["_" * 20, "_" * 21])
def test_search_box_under_the_outlet_is_a_rule(field: str) -> None:
    """lynx prints a search box as ``____ (BUTTON)``: without its button a rule, not a form
    that makes the outlet's name above it part of a sign-up box."""
    text = page(
        "Harbour Herald", f"{field} (BUTTON)", "", "Council Votes to Rebuild the Harbour Bridge",
        "", BODY,
    )  # fmt: skip
    assert extract_text_string(text).outlet == "Harbour Herald"


def test_bullet_and_short_word_runs_are_not_body() -> None:
    text = page(
        "Home",
        "News",
        "Politics",
        "Business Tech",
        "  * Weather",
        "  * Traffic Cams",
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        BODY,
        "",
        "  • Jobs",
        "  • Classifieds",
    )
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"


@pytest.mark.parametrize(
    "share",
    [
        ["Share and Follow", "FacebookXRedditPinterestWhatsApp"],
        ["Share this article", "Facebook Twitter LinkedIn Email"],
        ["Share on Facebook", "Share on X", "Copy link", "Print"],
        ["Facebook | Twitter | WhatsApp | Email"],
    ],
)
def test_share_lines_are_dropped(share: list[str]) -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", *share, "", BODY, "", *share)
    article = extract_text_string(text)
    assert article.paragraphs == BODY


def test_teaser_lists_are_not_title_or_body() -> None:
    text = page(
        "Metro Post",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        "The vote ends ten years of argument over the crossing",
        "Up next",
        "Ferry operator promises extra sailings during works",
        "Published on 12 March 2026",
        "",
        BODY,
        "",
        "You May Also Like",
        "School board delays vote on new term dates",
        "  • Local News",
        "",
        "The school board postponed its decision on the calendar after parents asked for…",
        "  • Metro Post Staff",
        "  • March 11, 2026",
        "Related: Bridge closures planned for the summer",
        "Read more: Ferry fares to rise",
    )
    article = extract_text_string(text)
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert article.subtitle == "The vote ends ten years of argument over the crossing"
    assert article.paragraphs == BODY
    assert article.published == datetime(2026, 3, 12, tzinfo=UTC)


def test_lynx_artefacts_references_and_wrapping() -> None:
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, 76, initial_indent="   ", subsequent_indent="   ")
                          for p in BODY)  # fmt: skip
    text = page(
        "   [1]Skip to content",
        "   [2]The Harbour Herald",
        "     * [3]Home",
        "     * [4]World",
        "     * [5]Local",
        "",
        "   [IMG]",
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        "   By [6]Dana Whitfield",
        "   March 12, 2026",
        "",
        wrapped,
        "",
        "     * [7]Terms of Use",
        "     * [8]Privacy Policy",
        "",
        "References",
        "",
        "   1. https://example.test/#content",
        "   2. https://example.test/",
        "   3. https://example.test/home",
        "   4. https://example.test/world",
        "   5. https://example.test/local",
        "   6. https://example.test/staff/dana",
        "   7. https://example.test/terms",
        "   8. https://example.test/privacy",
    )
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.author == "Dana Whitfield"
    assert article.published == datetime(2026, 3, 12, tzinfo=UTC)
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert "https://" not in article.text and "[" not in article.text


def test_footer_and_rights() -> None:
    footer = [
        "© 2026 Harbour Herald Media. All rights reserved.",
        "Terms of Service",
        "Privacy Policy",
        "Sitemap",
        "DMCA",
        "Contact Us",
    ]
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY, "", *footer)
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.outlet == "Harbour Herald Media"
    assert article.rights is None  # the site's own footer is not the article's rights line
    wire = "Copyright 2026 Northwind Wire. All rights reserved. This material may not be published."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY, "", wire, "", *footer)
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.rights == wire
    credit = "Northwind Wire contributed to this report."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [*BODY, credit], "", *footer)
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.rights == credit


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("WASHINGTON – The", "WASHINGTON"),
        ("WASHINGTON, D.C. — The", "WASHINGTON, D.C."),
        ("AUGUSTA, Ga. (WRDW) — The", "AUGUSTA, Ga."),
        ("LONDON (Reuters) - The", "LONDON"),
        ("NEW DELHI: The", "NEW DELHI"),
        ("The", None),
    ],
)
def test_dateline_variants(opening: str, dateline: str | None) -> None:
    first = opening + BODY[0].split("–", 1)[1].removeprefix(" The")
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [first, *BODY[1:]])
    article = extract_text_string(text)
    assert article.dateline == dateline
    assert article.paragraphs[0] == first


@pytest.mark.parametrize(
    ("lines", "author"),
    [
        (["By Dana Whitfield"], "Dana Whitfield"),
        (["By DANA WHITFIELD | March 12, 2026"], "Dana Whitfield"),
        (["By Dana Whitfield, Staff Writer"], "Dana Whitfield"),
        (["By Dana Whitfield and Lee Ortiz"], "Dana Whitfield and Lee Ortiz"),
        (["Author", "Dana Whitfield"], "Dana Whitfield"),
        (["Author: Dana Whitfield"], "Dana Whitfield"),
        (["Written by Dana Whitfield"], "Dana Whitfield"),
        ([], None),
    ],
)
def test_byline_variants(lines: list[str], author: str | None) -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", *lines, "", BODY)
    article = extract_text_string(text)
    assert article.author == author
    assert article.paragraphs == BODY
    if author is None:
        assert "no author found" in article.warnings


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("Published on 03 January 2026", datetime(2026, 1, 3, tzinfo=UTC)),
        ("November 17, 2026", datetime(2026, 11, 17, tzinfo=UTC)),
        ("Updated Nov. 17, 2026 at 4:05 p.m. ET", datetime(2026, 11, 17, 21, 5, tzinfo=UTC)),
        ("2026-01-03T10:30:00+01:00", datetime(2026, 1, 3, 9, 30, tzinfo=UTC)),
        ("Posted: 2026-01-03", datetime(2026, 1, 3, tzinfo=UTC)),
        ("Sat Jan 03 04:36:54 UTC 2026", datetime(2026, 1, 3, 4, 36, 54, tzinfo=UTC)),
        ("Veröffentlicht am 3. März 2026", datetime(2026, 3, 3, tzinfo=UTC)),
        ("By Dana Whitfield | 12/03/2026", datetime(2026, 12, 3, tzinfo=UTC)),
    ],
)
def test_date_formats(line: str, when: datetime) -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", line, "", BODY)
    article = extract_text_string(text)
    assert article.published == when
    assert article.paragraphs == BODY


def test_published_preferred_over_updated_and_teaser_dates_ignored() -> None:
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "Updated March 14, 2026",
        "Published March 12, 2026",
        "",
        BODY,
        "",
        "More stories",
        "Ferry fares to rise next month",
        "March 20, 2026",
    )
    assert extract_text_string(text).published == datetime(2026, 3, 12, tzinfo=UTC)


def test_no_date_warns() -> None:
    article = extract_text_string(page("Council Votes to Rebuild the Harbour Bridge", "", BODY))
    assert article.published is None
    assert "no date found" in article.warnings


def test_breadcrumb_section() -> None:
    text = page("Home › World › Europe", "Council Votes to Rebuild the Harbour Bridge", "", BODY)
    assert extract_text_string(text).section == "Europe"


def test_markdown_render() -> None:
    text = page(
        "[Home](https://example.test/) | [World](https://example.test/world)",
        "",
        "# Council Votes to Rebuild the Harbour Bridge",
        "",
        "![photo](https://example.test/a.jpg)",
        "",
        [BODY[0], "**" + BODY[1] + "**", BODY[2], "[" + BODY[3][:-1] + "](https://x.test/)."],
    )
    article = extract_text_string(text)
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert article.paragraphs == BODY


def test_language_detection() -> None:
    spanish = [
        "MADRID – El ayuntamiento aprobó el martes la reconstrucción del puente del puerto, "
        "que une las dos mitades de la ciudad desde hace más de un siglo.",
        "La obra costará unos 40 millones de euros y se espera que comience en la primavera "
        "del próximo año, según dijo la alcaldesa en una rueda de prensa.",
    ]
    article = extract_text_string(page("El puerto tendrá un puente nuevo", "", spanish))
    assert article.language == "es"
    assert article.dateline == "MADRID"


def test_table_layout_columns_are_unfolded() -> None:
    """w3m prints table cells side by side: a left rail of links beside the article."""
    import textwrap

    rail = ["Quick Links", "Today's e-Edition", "Letters", "Calendar", "Weather", "Today: 6°"]
    right = [textwrap.wrap(p, 56) for p in BODY]
    body_lines = [line for para in right for line in [*para, ""]]
    rows = []
    for n, line in enumerate(["Council Votes to Rebuild the Harbour Bridge", "", *body_lines]):
        left = rail[n] if n < len(rail) else ""
        rows.append(f"{left:<22}  {line}".rstrip())
    article = extract_text_string("Harbour Herald\n" + "\n".join(rows))
    assert article.paragraphs == BODY
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"


def test_lynx_headings_kicker_and_caption() -> None:
    import textwrap

    def wrap(text: str) -> str:
        return textwrap.fill(text, 76, initial_indent="   ", subsequent_indent="   ")

    text = page(
        "   [1]HARBOUR HERALD [2]Top News [3]World [4]Politics [5]Business [6]Science",
        "   [7]Health [8]Sports",
        "",
        "   Local",
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        wrap(
            "The vote ends ten years of argument over the crossing, but the money is not "
            "yet in place"
        ),  # fmt: skip
        "   By [9]DANA WHITFIELD Published 1:10 PM UTC, November 17, 2026",
        "",
        "   The old bridge at dusk. Photo: Harbour Herald file",
        "",
        "\n\n".join(wrap(p) for p in BODY),
    )
    article = extract_text_string(text)
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert article.section == "Local"
    assert article.author == "Dana Whitfield"
    assert article.subtitle is not None and article.subtitle.startswith("The vote ends")
    assert article.published == datetime(2026, 11, 17, 13, 10, tzinfo=UTC)
    assert article.paragraphs == BODY


def test_standfirst_before_byline_is_not_body() -> None:
    standfirst = "The vote ends ten years of argument over the crossing. Money is not yet in place."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", standfirst, "By Dana Whitfield",
                "", BODY)  # fmt: skip
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.subtitle == standfirst
    assert article.author == "Dana Whitfield"


def test_wrapped_line_starting_like_a_byline_is_joined() -> None:
    para = (
        "Meridian expects to save about $120 million a year by the third year, largely\n"
        "by merging distribution and purchasing. Purchasing, for a dairy, mostly means\n"
        "buying milk from farms."
    )
    import textwrap

    body = "\n\n".join(textwrap.fill(p, 79) for p in BODY)
    text = page("Council Votes to Rebuild the Harbour Bridge", "", body, "", para)
    article = extract_text_string(text)
    assert article.paragraphs[-1] == " ".join(para.split("\n"))


def test_pull_quote_is_dropped() -> None:
    quote = "Work is expected to begin next spring and to last two years."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [*BODY[:2], quote, *BODY[2:]])
    assert extract_text_string(text).paragraphs == BODY


def test_comments_ads_and_appeals_are_not_body() -> None:
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "ADVERTISEMENT", BODY[2], BODY[3]],
        "",
        "Support local journalism. Subscribe today for full access to every story we publish.",
        "Reader Comments (3)",
        "Jen K.",
        "November 17, 2026 11:07 am",
        "I went to the meeting and I think the council made a sensible decision in the end, "
        "even if it will cost us all more in the short term.",
        "Reply | Report abuse",
    )
    assert extract_text_string(text).paragraphs == BODY


def test_menu_of_capitalised_words_is_not_title() -> None:
    text = page(
        "Harbour Herald Top News World Politics Business Science Health Sports",
        "",
        "Council votes to rebuild the harbour bridge",
        "",
        BODY,
    )
    assert extract_text_string(text).title == "Council votes to rebuild the harbour bridge"


def test_relative_date_uses_fetch_time() -> None:
    fetched = datetime(2026, 3, 12, 18, 0, tzinfo=UTC)
    text = page("Council Votes to Rebuild the Harbour Bridge", "Published 3 hours ago", "", BODY)
    article = extract_text_string(text, fetched_at=fetched)
    assert article.published == datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
    assert article.fetched_at == fetched


# ---------------------------------------------------------------------------
# Hostile input


def test_binary_input_raises_naming_url() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    with pytest.raises(ExtractionError, match="https://example.test/img"):
        extract_text(raw(data, "https://example.test/img"))


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_input_raises(content: bytes) -> None:
    with pytest.raises(ExtractionError, match="https://example.test/empty"):
        extract_text(raw(content, "https://example.test/empty"))


def test_no_prose_raises() -> None:
    text = "\n".join(["Home", "News", "Sports", "  • Weather", "Terms of Use", "Privacy Policy"])
    with pytest.raises(ExtractionError, match="https://example.test/menu"):
        extract_text(raw(text, "https://example.test/menu"))
    assert issubclass(ExtractionError, ValueError)


def test_invalid_utf8_and_legacy_encodings() -> None:
    text = page("Café Owners Win Harbour Award", "", BODY)
    article = extract_text(raw(text.encode("cp1252")))
    assert article.title == "Café Owners Win Harbour Award"
    broken = text.encode() + b"\n\nStray \xff\xfe bytes here in a line of the footer area"
    assert extract_text(raw(broken)).paragraphs == BODY


def test_utf16_with_bom() -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY)
    article = extract_text(raw(text.encode("utf-16")))
    assert article.paragraphs == BODY


def test_huge_input_is_capped_with_a_warning() -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY, "")
    filler = ("Home\n  • News\nlorem ipsum dolor sit amet consectetur\n" * 1_200_000).encode()
    article = extract_text(raw(text.encode() + filler))  # ~55 MB
    assert article.paragraphs == BODY
    assert any("truncated" in w for w in article.warnings)


def test_one_huge_line_is_capped_and_flagged() -> None:
    article = extract_text(raw(("word " * 2_000_000).encode()))  # 10 MB, one line
    assert len(article.text) <= 2_000_000
    assert any("truncated" in w for w in article.warnings)
    assert any("no title" in w for w in article.warnings)


HOSTILE_LINES = {
    # 100k characters each, built to make a pattern backtrack: pieces it can match in many
    # ways, then one that keeps it from matching (within the head of the line that the
    # patterns are tried on, where they are).
    "web address pieces": ("www." + " .." * 190 + " x").ljust(100_000, "x"),
    "image name never closed": "[" + "-" * 100_000,
    "image name of many pieces never closed": "[" + "-a" * 50_000,
    "company name of commas": "," * 100_000 + "x",
    "reference list item of colons": "References\n\n1. " + ":" * 100_000 + " x",
    "line separators in a footer": "© 2019 Harbour Herald" + "\u2028" * 100_000 + "x",
    "line separators in a breadcrumb": (
        "Home" + "\u2028" * 100_000 + "Council Votes to Rebuild the Harbour Bridge"
    ),
    "unit separators in a menu": "Home" + "\x1f" * 100_000 + "x",
}
_EXTRACT_STDIN = """
import json, sys
from newsdesk.extract.text import extract_text_string
print(json.dumps(extract_text_string(sys.stdin.read()).paragraphs))
"""


@pytest.mark.parametrize("line", list(HOSTILE_LINES.values()), ids=list(HOSTILE_LINES))
def test_hostile_lines_do_not_hang_the_extraction(line: str) -> None:
    """A page with a 100k-character line built against one of the patterns (above the title,
    in the body, after it) is read in linear time. The extraction runs in a child process:
    were the backtracking back, the test would fail at the timeout, not stall the suite."""
    text = page(
        line, "", "Council Votes to Rebuild the Harbour Bridge", "",
        [BODY[0], line, *BODY[1:], line, "© 2019 Harbour Herald Publishing", line],
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", _EXTRACT_STDIN],
        input=text,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert BODY[3] in json.loads(done.stdout)


# ---------------------------------------------------------------------------
# The demo corpus (generated into the package by the demo helper)


def demo_cases() -> list[dict]:
    truth_file = DEMO / "truth.json"
    if not truth_file.exists():
        return []
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    items = truth if isinstance(truth, list) else truth.get("articles", truth.get("pages", []))
    return [t for t in items if str(t.get("file", "")).endswith(".txt")]


def test_demo_corpus_text_renders() -> None:
    cases = demo_cases()
    if not cases:
        pytest.skip(f"no demo corpus text renders with truth in {DEMO}")
    failures = []
    for case in cases:
        path = DEMO / "corpus" / case["file"]
        if not path.exists():
            path = DEMO / case["file"]
        article = extract_text(raw(path.read_bytes(), path.as_uri()))
        score = f1(article.text, case["body"])
        if score < 0.9 or article.title != case["title"]:
            failures.append((case["file"], round(score, 3), article.title, case["title"]))
    assert not failures, failures


# ---------------------------------------------------------------------------
# Renders of real pages: wrapping, scripts, inset boxes, no-sentence pages

JAPANESE = [
    "市議会は火曜日、港の古い橋を建て替える計画を賛成多数で可決し、十年にわたる議論に決着をつけた。"
    "工事は来年の春に始まり、二年間続く見込みだと市長は記者会見で述べた。",
    "計画の費用はおよそ四十億円で、住民の間では賛否が分かれている。反対派は既存の橋の補修で"
    "十分だと主張しており、今後も議会に働きかけを続けるとしている。",
]


def wrap_columns(text: str, columns: int, width: Callable[[str], int]) -> list[str]:
    """Hard-wrap ``text`` (no spaces needed) so that no line is wider than ``columns``."""
    out, line = [], ""
    for char in text:
        if width(line + char) > columns:
            out.append(line)
            line = ""
        line += char
    return [*out, line]


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize(("limit", "width"), [(79, columns), (94, len)], ids=["w3m", "lynx"])
def test_cjk_wrapped_by_columns_or_characters(limit: int, width: Callable[[str], int]) -> None:
    """w3m wraps Japanese at 80 terminal columns, lynx at about 95 characters; both are
    joined again without spaces, and the body is found without Latin sentence ends."""
    blocks = ["\n".join(wrap_columns(p, limit, width)) for p in JAPANESE]
    text = page("ホーム", "ニュース", "", "港の橋、建て替えへ", "", blocks, "", "利用規約")
    article = extract_text_string(text)
    assert article.paragraphs == JAPANESE
    assert article.language == "ja"


def test_wrapping_found_among_many_unwrapped_lines() -> None:
    """A long menu of unwrapped lines does not hide that the article is wrapped."""
    menu = [f"   * Section number {n} with a longer label" for n in range(60)]
    blocks = ["\n".join("   " + x for x in textwrap.wrap(p, 94)) for p in BODY]
    text = page(*menu, "", "   Council Votes to Rebuild the Harbour Bridge", "", blocks)
    assert extract_text_string(text).paragraphs == BODY


def test_line_cut_mid_sentence_runs_on_into_lower_case() -> None:
    """Too few wrapped lines to find the wrap column: a line as long as the render's
    longest, cut mid-sentence, still runs on into a line that opens in lower case."""
    first, rest = BODY[0][:92].rsplit(" ", 1)[0], BODY[0][len(BODY[0][:92].rsplit(" ", 1)[0]) :]
    assert rest.strip()[0].islower()
    text = page("Council Votes to Rebuild the Harbour Bridge", "", first, rest.strip(), "", BODY[1])
    assert extract_text_string(text).paragraphs == BODY[:2]


def test_comments_button_in_a_share_bar_does_not_end_the_article() -> None:
    """``Comments`` among share buttons is a button, not the start of the comments (whose
    prose counts for less than a site notice above the article)."""
    notice = (
        "Quotes delayed at least 15 minutes. Market data provided by an outside vendor and "
        "used under licence. Company fundamentals, earnings estimates, fund data and economic "
        "data are provided by third parties and may not be republished without permission."
    )
    text = page(
        [notice, "Council Votes to Rebuild the Harbour Bridge"],
        "",
        ["Facebook\nTwitter\nComments\nPrint\nEmail", *BODY],
    )
    article = extract_text_string(text)
    assert article.paragraphs == BODY


def test_body_runs_on_across_an_inset_related_box() -> None:
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "Related", "Ferry Operators Bid for the Crossing Contract",
         "Mayor Names a New Harbour Master", BODY[2], BODY[3]],
        "",
        ["Most Read", "Storm Closes Coastal Road", "Schools Reopen After Flooding"],
    )  # fmt: skip
    article = extract_text_string(text)
    assert article.paragraphs == BODY


def test_page_without_sentence_ends_gives_a_best_guess() -> None:
    """Prose that never ends a sentence (a post in fragments): no error, a warning."""
    fragments = [
        "the council voted on tuesday to rebuild the old harbour bridge after ten years",
        "work is expected to begin next spring and to last two years with a ferry service",
    ]
    text = page("Home", "News", "", fragments, "", "Terms of Use")
    article = extract_text(raw(text))
    assert article.paragraphs == fragments
    assert any("best guess" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (JAPANESE[0], "ja"),
        ("中华人民共和国国务院今天发布了关于经济发展的新政策文件，强调科技创新和绿色发展。", "zh"),
        ("시의회는 화요일 항구의 오래된 다리를 다시 짓기로 결정했다고 시장이 밝혔다.", "ko"),
        ("Городской совет во вторник проголосовал за восстановление старого моста.", "ru"),
        ("Міська рада у вівторок проголосувала за відновлення старого мосту в місті.", "uk"),
        (" ".join(BODY), "en"),
        ("too short", None),
    ],
)
def test_language_by_script_or_function_words(text: str, language: str | None) -> None:
    assert guess_language(text) == language


def test_comments_start_at_a_responses_header_or_a_says_line() -> None:
    """Long comment threads outweigh the article unless ``34 responses to “…”`` or
    ``jdoe says:`` starts the comments."""
    comment = (
        "I have read every word of this and I still think the council got it wrong, because "
        "the ferry will never carry enough commuters and the old bridge could have been fixed "
        "for a fraction of the price if anyone had listened to the engineers at the meetings."
    )
    thread = []
    for n in range(4):
        thread += [f"reader{n} says:", "November 19, 2026 at 6:34 am", comment]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        BODY,
        "",
        ["4 responses to “Council Votes to Rebuild the Harbour Bridge”", *thread],
    )
    assert extract_text_string(text).paragraphs == BODY


def test_long_paragraph_printed_twice_is_kept_once() -> None:
    """A page's hidden copy of its text (metadata blocks, print versions) prints the whole
    article again as one long paragraph: it is kept once."""
    whole = " ".join(BODY * 2)
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [whole, "Share", whole])
    assert extract_text_string(text).paragraphs == [whole]


def test_teaser_cards_with_a_date_above_each_lede_are_not_body() -> None:
    """``More from the site``: cards of headline, author, date and lede after the article;
    the ledes read as prose but sit right under a date line, card after card."""
    cards = []
    for n in range(3):
        cards += [
            "",
            f"Ferry Operators Bid for Crossing Contract Number {n}",
            "Dana Whitfield",
            "Wednesday November 20, 2026",
            "Three companies have submitted bids to run the temporary ferry while the bridge is "
            "rebuilt, and the council expects to choose one of them before the end of the year.",
        ]
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY, "", "Topics", *cards)
    assert extract_text_string(text).paragraphs == BODY


def test_lynx_link_header_is_not_body() -> None:
    """lynx opens with the page's ``<link>`` titles (``#alternate … Feed``): a long line
    that would otherwise outweigh a short article."""
    titles = "Harbour Herald Feed Harbour Herald Comments Feed Council Votes to Rebuild the Bridge"
    header = "\n".join(textwrap.wrap("#alternate alternate " + " ".join([titles] * 10), 90))
    short_body = [BODY[0], BODY[1]]
    menu = [f"  * Section {n}" for n in range(12)]
    text = page(
        header, "", *menu, "", "Council Votes to Rebuild the Harbour Bridge", "", short_body
    )
    assert extract_text_string(text).paragraphs == short_body


def test_comments_link_by_the_byline_does_not_start_the_comments() -> None:
    """``Leave a comment`` beside the byline is a link; the article below still counts in
    full against a site blurb."""
    blurb = (
        "The Harbour Herald is an independent newsroom covering the council, the port and the "
        "schools of the bay since 1921, funded by its readers and by no one else at all."
    )
    text = page(
        [blurb, "Council Votes to Rebuild the Harbour Bridge"],
        "",
        ["Posted by Dana Whitfield", "Leave a comment", BODY[0], BODY[1]],
    )
    assert extract_text_string(text).paragraphs == BODY[:2]


def test_image_names_and_alt_text_printed_twice_are_dropped() -> None:
    """w3m prints an image as its file name in brackets (``[IMG_2018-bridge]``) and an image
    link's alt text twice; an editor's ``[finally]``, ``[$40m]`` or ``[10:30]`` in a quote
    stays."""
    quote = "“It is [finally] done,” the mayor said after the vote on the harbour bridge plan."
    figures = (
        "“The [$40m] plan passed at [10:30] on a night of [1990s] rates,” "
        "[1x1] [DSC_3255] the clerk said."
    )
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], "[harbour_bridge_2026-01]", BODY[1],
         "The old bridge at duskThe old bridge at dusk", BODY[2],
         "[] [INS::INS] [INS: :INS]", quote, figures, BODY[3]],
    )  # fmt: skip
    assert extract_text_string(text).paragraphs == [
        *BODY[:3], quote,
        "“The [$40m] plan passed at [10:30] on a night of [1990s] rates,” the clerk said.",
        BODY[3],
    ]  # fmt: skip


@pytest.mark.parametrize("line", ["Ha ha!Ha ha!Ha ha!Ha ha!", "New York, New York!"])
def test_a_phrase_repeated_in_the_text_is_not_alt_text_printed_twice(line: str) -> None:
    """Only two glued copies of one text are alt text printed twice: a chant repeating a
    shorter phrase, or a phrase said twice, between two paragraphs stays."""
    text = page(
        "Council Votes to Rebuild the Harbour Bridge", "", [BODY[0], BODY[1], line, *BODY[2:]]
    )
    assert extract_text_string(text).paragraphs == [BODY[0], BODY[1], line, *BODY[2:]]


CAPTION = (
    "The old harbour bridge seen from the ferry terminal on a winter morning, with the new "
    "cycle path under construction on its eastern side and the town hall behind it."
)


@pytest.mark.parametrize("second", [CAPTION, CAPTION[:-1] + ", seen in March."])
def test_caption_printed_twice_is_not_body(second: str) -> None:
    """A gallery prints each caption twice (the second copy sometimes cut or credited), one
    under the other: not body, however long."""
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], CAPTION, second, BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == BODY


@pytest.mark.parametrize(
    "credit", ["Photo: Dana Whitfield, AP", "Lena Hartvig | Bloomberg | Getty Images"]
)
def test_caption_right_above_its_photo_credit_is_not_body(credit: str) -> None:
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], f"{CAPTION}\n{credit}", BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == BODY


def test_body_runs_back_across_an_inset_box_above_its_longest_part() -> None:
    """An inset box (``Trending News`` and its teasers) after the opening paragraph: the
    opening joins the longer rest of the body; the box's teasers do not."""
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], "Trending News"],
        "  • Ferry operator promises extra sailings while the bridge is rebuilt.",
        "  • Mayor names a new harbour master",
        "",
        BODY[1:],
    )
    assert extract_text_string(text).paragraphs == BODY


def test_web_address_on_its_own_line_is_not_body() -> None:
    """lynx prints an embed's source address, wrapped into many pieces, as a line."""
    address = "https://video.example.test/embed/?v=" + " ".join(f"%2B{n}x/" for n in range(30))
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], f"IFRAME:\n{address}", BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == BODY


def test_lists_inside_the_article_are_body() -> None:
    """A list in the article (one block of items, after the sentence that opens it) is
    body; links to other stories, one blank-separated item each, are not."""
    items = [
        "a new four-lane deck with a cycle path on each side",
        "a temporary ferry for foot passengers and cyclists",
        "a toll-free crossing for residents of the two halves of the town",
    ]
    links = ["Ferry operator bids for the crossing contract", "Mayor names a new harbour master"]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], "The plan approved on Tuesday includes:"],
        *(f"  • {item}" for item in items),
        "",
        [BODY[1], *(f"  • {link}" for link in links), BODY[2], BODY[3]],
    )
    article = extract_text_string(text)
    assert article.paragraphs == [
        BODY[0], "The plan approved on Tuesday includes:", *(f"• {x}" for x in items), *BODY[1:]
    ]  # fmt: skip


def test_links_after_a_list_in_the_article_are_not_its_items() -> None:
    """Only bullets printed in one block are items of a list: links to other stories right
    after it, one blank-separated item each, are not body."""
    items = [
        "a new four-lane deck with a cycle path on each side",
        "a temporary ferry for foot passengers and cyclists",
    ]
    links = ["Ferry operator bids for the crossing contract", "Mayor names a new harbour master"]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], "The plan approved on Tuesday includes:"],
        *(f"  • {item}" for item in items),
        "",
        "\n\n".join(f"  • {link}" for link in links),
        "",
        BODY[1:],
    )
    article = extract_text_string(text)
    assert article.paragraphs == [
        BODY[0], "The plan approved on Tuesday includes:", *(f"• {x}" for x in items), *BODY[1:]
    ]  # fmt: skip


def test_comments_item_of_a_menu_does_not_start_the_comments() -> None:
    """``Comment`` in the site's menu is a section link: the article below still counts in
    full and runs on across a ``Don't Miss`` box."""
    menu = ["  • News", "  • Comment", "  • Sport", "  • Travel"]
    text = page(
        *menu,
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "Don't Miss"],
        "Ferry operator bids for the crossing contract",
        "Mayor names a new harbour master",
        "",
        [BODY[2], BODY[3]],
        "",
        *menu,
    )
    assert extract_text_string(text).paragraphs == BODY


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_data_table_in_the_article_is_body(gap: str) -> None:
    """A data table (lynx prints its rows one under the other, w3m with blank lines
    between): each row one line of the body, not unfolded column by column like a layout."""
    rows = [
        ("Pos.", "Crossing", "Cost", "Years", "Votes"),
        ("1", "New bridge", "$40m", "2", "7-2"),
        ("2", "Repair", "$12m", "1", "2-7"),
        ("3", "Tunnel", "$95m", "5", "0-9"),
    ]
    table = gap.join("   " + "".join(f"{cell:<14}" for cell in row).rstrip() for row in rows)
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "The options the council weighed:", table, BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == [
        BODY[0], BODY[1], "The options the council weighed:",
        *(" ".join(row) for row in rows), BODY[2], BODY[3],
    ]  # fmt: skip


@pytest.mark.parametrize(
    "opening",
    [
        ["The ferry timetable during the works:"],
        ["Ferry Sailings"],
        ["Expect delays.", "The ferry timetable during the works:"],
    ],
)
def test_list_that_closes_the_article_is_body(opening: list[str]) -> None:
    """An enumeration right after the last paragraph (or a short sentence closing it): tour
    dates, a timetable, results, printed as one block after a line ending with a colon, or
    with figures in most items."""
    items = [
        "June 9 -- Harbour Street pier, first sailing 6:10",
        "June 10 -- Harbour Street pier, first sailing 6:40",
        "June 14 -- Old Town quay, first sailing 7:00",
    ]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        BODY,
        "",
        "\n\n".join(opening),
        *items,
        "",
        "Share this article",
    )
    assert extract_text_string(text).paragraphs == [*BODY, *opening, *items]


def test_teaser_headlines_after_the_article_are_not_a_list() -> None:
    headlines = [
        "Ferry operator bids for the crossing contract",
        "Mayor names a new harbour master",
        "Storm closes the coastal road",
    ]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge", "", BODY, "", "Elsewhere", *headlines
    )
    assert extract_text_string(text).paragraphs == BODY


def test_wire_caption_opening_in_this_photo_is_not_body() -> None:
    caption = (
        "In this Nov. 17, 2026, file photo, commuters cross the old harbour bridge at dusk in "
        "Port Avery, as engineers inspect the steel beams below the deck for signs of wear "
        "before the council's vote on the crossing, which was approved by seven votes to two."
    )
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [BODY[0], caption, *BODY[1:]])
    assert extract_text_string(text).paragraphs == BODY


def test_calls_to_action_after_the_article_are_not_body() -> None:
    """Several calls to action in a row (follow, send a tip, listen live), each a sentence
    beside another one: not body."""
    calls = [
        "Follow the Harbour Herald on Instagram, Facebook, Twitter and YouTube every day.",
        "Have a tip? Dana Whitfield may be reached at dana@example.test or on the phone.",
        "Listen to Harbour Radio live at 12:45 and 17:45 on weekdays, or listen back here.",
    ]
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [*BODY, *calls])
    assert extract_text_string(text).paragraphs == BODY


def test_lines_of_one_block_with_the_prose_are_body() -> None:
    """Paragraphs split by ``<br>`` come as lines of one block: a line too short for prose
    between two of them, or a sentence broken before a capitalised word, is body."""
    lines = [
        BODY[0],
        "The mayor called the vote a turning point for the town",
        BODY[1],
        "Engineers from the Harbour Board will oversee the works with the",
        "Port Avery Council. They will report to the council every three months.",
        BODY[2],
    ]
    text = page("Council Votes to Rebuild the Harbour Bridge", "", "\n".join(lines), "", BODY[3])
    assert extract_text_string(text).paragraphs == [*lines, BODY[3]]


def test_embedded_post_quoted_in_the_article_is_body() -> None:
    """A post embedded in the article: its lines and the ``— Name (@handle) date`` line
    that signs it are body, short as they are."""
    post = [
        "Yes this is real and the council spent $40 million on it: https://t.co/abc123",
        "— Harbour Watcher (@harbourwatch) November 18, 2026",
    ]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "\n".join(post), BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == [*BODY[:2], *post, *BODY[2:]]


def test_short_lines_between_paragraphs_are_body() -> None:
    """Between two paragraphs: a sentence trailing off (``…``) and a line opening a quote
    with a colon are body (a ``…`` teaser outside the body is not)."""
    trailing = "Here is the thing …"
    opening = "The mayor put it this way:"
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], trailing, BODY[1], opening, BODY[2], BODY[3]],
        "",
        "Ferry operator bids for the crossing contract after months of …",
    )
    assert extract_text_string(text).paragraphs == [
        BODY[0], trailing, BODY[1], opening, BODY[2], BODY[3]
    ]  # fmt: skip
