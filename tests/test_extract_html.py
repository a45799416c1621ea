"""HTML extraction: one small page per heuristic (no benchmark data needed)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from lxml import etree
from lxml import html as lxml_html

from newsdesk.extract import ExtractionError
from newsdesk.extract.boilerplate import (
    Block,
    blocks_of,
    clean_body,
    rule_duplicates,
    rule_header,
    rule_link_head,
    rule_link_tail,
    rule_teasers,
)
from newsdesk.extract.html import extract_html, prune_widgets, split_site_name
from newsdesk.extract.language import guess_language
from newsdesk.model import RawDocument

BODY = [
    "The harbour council voted on Tuesday to extend the Ferris Street project by two years, "
    "citing delays in the delivery of steel and a shortage of skilled welders in the region.",
    "Council members said the extension would add about four million to the budget, which the "
    "city expects to cover from its reserve fund rather than from new borrowing this year.",
    "Residents who spoke at the meeting asked for a clearer timetable and for regular updates "
    "on the closure of the eastern footpath, which has forced commuters onto a long detour.",
    "The contractor said the first steel beams would arrive in the spring and that work on the "
    "northern span could resume within weeks of their delivery to the construction yard.",
]


def page(
    article: str,
    head: str = "",
    before: str = "",
    after: str = "",
    lang: str = ' lang="en"',
) -> bytes:
    """A whole page: navigation, the article, a footer."""
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(8))
    html = (
        f"<!DOCTYPE html><html{lang}><head><meta charset='utf-8'>{head}</head><body>"
        f"<header><ul class='nav'>{nav}</ul></header>{before}"
        f"<article>{article}</article>{after}"
        "<footer><p><a href='/about'>About us</a> <a href='/contact'>Contact</a></p></footer>"
        "</body></html>"
    )
    return html.encode("utf-8")


def paras(items: list[str] = BODY) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def extract(content: bytes, url: str = "https://news.example/2026/11/17/story") -> object:
    return extract_html(RawDocument(url=url, content=content))


# --- metadata ---------------------------------------------------------------------------


def test_json_ld_metadata() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "ignored"},
            {
                "@type": "NewsArticle",
                "headline": "Council extends bridge project",
                "author": [{"@type": "Person", "name": "Dana Whitfield"}],
                "datePublished": "2026-11-17T09:30:00+01:00",
                "publisher": {"@type": "Organization", "name": "Harbor City Tribune"},
                "inLanguage": "en",
            },
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script><title>x</title>'
    art = extract(page(paras(), head=head))
    assert art.title == "Council extends bridge project"
    assert art.author == "Dana Whitfield"
    assert art.published == datetime(2026, 11, 17, 8, 30, tzinfo=UTC)
    assert art.outlet == "Harbor City Tribune"
    assert art.language == "en"


def test_opengraph_fallback() -> None:
    head = (
        '<meta property="og:title" content="Bridge work to last two more years">'
        '<meta property="og:site_name" content="Lakeshore Gazette">'
        '<meta property="article:published_time" content="2026-11-17T10:00:00Z">'
        '<meta name="author" content="Walt Jespersen">'
    )
    art = extract(page(paras(), head=head))
    assert art.title == "Bridge work to last two more years"
    assert art.outlet == "Lakeshore Gazette"
    assert art.author == "Walt Jespersen"
    assert art.published == datetime(2026, 11, 17, 10, 0, tzinfo=UTC)


def test_windows_1252_page_decoded_right() -> None:
    text = "The caf\u00e9\u2019s owner said \u201cwe will stay open\u201d \u2013 for now."
    html = page(paras([text, *BODY])).decode("utf-8")
    html = html.replace("<meta charset='utf-8'>", '<meta charset="windows-1252">')
    art = extract(html.encode("cp1252"))
    assert text in art.text


def test_rights_line_split_off() -> None:
    rights = "Copyright 2026 Northwind Wire. All rights reserved."
    art = extract(page(paras([*BODY, rights])))
    assert art.rights == rights
    assert "All rights reserved" not in art.text


def test_title_suffix_and_prefix_cleaning() -> None:
    head = "<title>Council extends bridge project | Harbor City Tribune</title>"
    art = extract(page(paras(), head=head))
    assert art.title == "Council extends bridge project"
    # Without og:site_name or a JSON-LD publisher the outlet is the host, not the title's tail.
    assert art.outlet == "news.example"
    assert split_site_name("Lakeshore Gazette :: Bank lifts rate to 4.5 per cent") == (
        "Bank lifts rate to 4.5 per cent",
        "Lakeshore Gazette",
    )
    assert split_site_name("A plain headline with no site") == (
        "A plain headline with no site",
        None,
    )


def test_byline_author_and_time() -> None:
    byline = (
        '<font class="story-byline">By Helga Marr, Northwind Wire, Northwind Wire &middot; '
        "Tuesday, November 17, 2026 &middot; 5:30 PM</font>"
    )
    art = extract(page(byline + paras()))
    assert art.author == "Helga Marr, Northwind Wire"
    assert art.published == datetime(2026, 11, 17, 17, 30, tzinfo=UTC)


def test_language_guessed_without_markup() -> None:
    art = extract(page(paras(), lang=""))
    assert art.language == "en"
    spanish = (
        "El consejo de la ciudad aprobó el martes la ampliación del proyecto del puente, "
        "que se retrasa por la falta de acero y de soldadores en la región, según dijo el alcalde."
    )
    assert guess_language(spanish) == "es"
    assert guess_language("too short") is None


def test_comment_inside_paragraph_keeps_text() -> None:
    first = BODY[0].replace("citing delays", "citing<!-- --> delays")
    art = extract(page(paras([first, *BODY[1:]])))
    assert "citing delays in the delivery" in art.text


def test_empty_and_binary_pages_raise() -> None:
    with pytest.raises(ExtractionError):
        extract(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ExtractionError):
        extract(b"\x00\x01\x02binary" * 100)


def test_an_article_that_broken_markup_nests_in_a_popup_is_still_found() -> None:
    # the newsletter popup's <aside> is never closed: the parser puts the whole page,
    # article and all, inside it, and the balanced focus drops an <aside> whole
    html = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Council extends "
        "bridge project</title></head><body><aside class='Popup-Overlay'><div class='popup'>"
        "<p>Sign up for our newsletter</p></div><div id='wrapper'><header class='site'>"
        "<div class='content'><article class='entry'><h1>Council extends bridge project</h1>"
        f"<div class='entry-text'>{paras()}</div></article></div></header></div></body></html>"
    )
    art = extract(html.encode())
    assert BODY[0] in art.text and BODY[-1] in art.text


# --- boilerplate rules, end to end ------------------------------------------------------


def test_headline_and_standfirst_above_body_dropped() -> None:
    head = (
        '<meta property="og:title" content="Council extends bridge project">'
        '<meta property="og:description" content="Steel shortage delays the Ferris Street '
        'work by two years.">'
    )
    top = (
        "<header class='story-head'><h1>Council extends bridge project</h1>"
        "<h2>Steel shortage delays the Ferris Street work by two years.</h2></header>"
    )
    art = extract(page(top + "<div class='body'>" + paras() + "</div>", head=head))
    assert art.text.startswith(BODY[0][:40])
    assert "Steel shortage delays" not in art.text


def test_lede_repeating_description_kept() -> None:
    head = f'<meta property="og:description" content="{BODY[0]}"><title>Bridge | Tribune</title>'
    top = "<h1>Bridge</h1>"
    art = extract(page(top + paras(), head=head))
    assert art.text.startswith(BODY[0][:40])


def test_wire_lede_repeating_description_kept_apart_from_body() -> None:
    """A standfirst set apart from the body and repeating the description goes; a wire
    lede set apart the same way stays, since it opens with a dateline: it is the story."""
    lede = (
        "The harbour council on Tuesday extended the Ferris Street bridge project by two "
        "years, blaming late steel deliveries and a shortage of welders in the region."
    )

    def text_of(first: str) -> str:
        head = (
            f'<meta property="og:description" content="{first}">'
            "<title>Council extends bridge project | Tribune</title>"
        )
        top = f"<h1>Council extends bridge project</h1><div class='intro'><p>{first}</p></div>"
        return extract(page(top + "<div class='body'>" + paras() + "</div>", head=head)).text

    assert text_of(lede).startswith(BODY[0][:40])
    wire = f"LIRENZA, Valdoria (Northwind Wire) — {lede}"
    assert text_of(wire).startswith(wire)


def test_teasers_and_prompts_dropped() -> None:
    body = [
        BODY[0],
        '<a href="/other">Related: Harbour tunnel reopens after repairs</a>',
        BODY[1],
        "Subscribe to our newsletter for the latest council news in your inbox.",
        BODY[2],
        '<a href="/app">CLICK HERE TO GET THE TRIBUNE APP</a>',
        BODY[3],
    ]
    art = extract(page(paras(body)))
    assert "Related:" not in art.text
    assert "newsletter" not in art.text
    assert "TRIBUNE APP" not in art.text
    assert all(p[:40] in art.text for p in BODY)


def test_link_list_at_end_dropped() -> None:
    more = (
        "<p>You may also like</p><ul>"
        '<li><a href="/a">Harbour tunnel reopens after two years of repairs</a></li>'
        '<li><a href="/b">Council approves new budget for the coming year</a></li>'
        '<li><a href="/c">Ferry timetable changes from Monday onwards</a></li></ul>'
    )
    art = extract(page(paras() + more))
    assert "You may also like" not in art.text
    assert "Harbour tunnel" not in art.text
    assert art.text.rstrip().endswith(BODY[3][-30:])


def test_own_url_and_updated_line_dropped() -> None:
    url = "https://news.example/2026/11/17/story"
    art = extract(page(paras([url, *BODY, "Updated at 1:23 p.m."])), url=url)
    assert url not in art.text
    assert "Updated at" not in art.text


def test_outside_marked_article_body_dropped() -> None:
    article = (
        '<div itemprop="articleBody">' + paras() + "</div>"
        "<p>Sign in to read more from the archive of the Tribune.</p>"
    )
    art = extract(page(article))
    assert "archive of the Tribune" not in art.text
    assert all(p[:40] in art.text for p in BODY)


# --- boilerplate rules, one by one ------------------------------------------------------


def blocks(*texts: str, links: float = 0.0) -> list[Block]:
    """Blocks for the given texts, each ``links`` share linked."""
    return [Block(etree.Element("p"), t, "p", round(links * len(t))) for t in texts]


def test_rule_header_keeps_lede_in_body_container() -> None:
    bs = blocks("Council extends bridge project", "Short standfirst here", BODY[0], BODY[1])
    rule_header(bs, ["Council extends bridge project"], "Short standfirst here", lambda a, b: True)
    assert [b.drop for b in bs] == ["headline", None, None, None]
    bs = blocks("Council extends bridge project", "Short standfirst here", BODY[0], BODY[1])
    rule_header(bs, ["Council extends bridge project"], "Short standfirst here", lambda a, b: False)
    assert [b.drop for b in bs] == ["headline", "standfirst", None, None]


def test_rule_teasers_each_kind() -> None:
    bs = blocks(
        "Most read in world news",
        "3 comments",
        "Follow us on Twitter for updates",
        "Filed under: Harbour",
        "The best line of the speech. Click To Tweet",
        BODY[0],
    )
    rule_teasers(bs)
    assert [b.drop for b in bs] == [
        "furniture",
        "furniture",
        "prompt",
        "credit",
        "tweetable",
        None,
    ]


def test_rule_link_tail_keeps_body_end() -> None:
    bs = blocks(BODY[0], BODY[1]) + blocks("More stories") + blocks("A", "B title", links=1.0)
    rule_link_tail(bs)
    assert [b.drop for b in bs] == [None, None, "link list heading", "link list", "link list"]


def test_rule_duplicates_only_repeated_links() -> None:
    bs = blocks("Get the quiz now free", "Get the quiz now free", links=1.0)
    bs += blocks("Eat every two hours", "Eat every two hours")
    rule_duplicates(bs)
    assert [b.drop for b in bs] == [None, "duplicate", None, None]


def test_clean_body_never_empties_a_page() -> None:
    body = etree.fromstring("<body><p>Related: one</p><p>3 comments</p></body>")
    clean_body(body)
    assert len(body) == 2


def test_blocks_of_measures_link_text() -> None:
    body = etree.fromstring(
        "<body><p>Read <ref>this</ref> now</p><list><item><ref>Link</ref></item></list></body>"
    )
    bs = blocks_of(body)
    assert [b.text for b in bs] == ["Read this now", "Link"]
    assert bs[1].link_density == 1.0
    assert 0 < bs[0].link_density < 0.5


def test_layout_table_unwrapped_to_article_cell() -> None:
    nav = " | ".join(f'<a href="/s{i}">Section {i}</a>' for i in range(8))
    side = "".join(f'<a href="/q{i}">Quick link {i}</a><br>' for i in range(6))
    html = (
        "<html><head><title>Gazette :: Council extends bridge project</title></head><body>"
        f"<table><tr><td colspan=3>{nav}</td></tr><tr><td>{side}</td>"
        f"<td>{paras()}</td><td><p>Reader poll</p><p>Yes</p><p>No</p></td></tr>"
        "<tr><td colspan=3>© 2026 Gazette Publishing Co. | Privacy | Contact</td></tr>"
        "</table></body></html>"
    )
    art = extract(html.encode())
    assert art.paragraphs == BODY
    assert art.title == "Council extends bridge project"
    assert art.outlet == "news.example"


def test_signup_box_and_inline_card_pruned() -> None:
    box = (
        '<div class="promo"><div>Get the Daily Brief</div><p>The five stories that matter, '
        'every weekday at 7 a.m. Free.</p><form action="/signup"><input type="email" '
        'name="email"><button>Sign me up</button></form></div>'
    )
    card = (
        '<span class="card"><img src="/p.jpg"><a href="/people/x">Dana Whitfield</a>'
        '<a href="/s1">Another story about the bridge</a><a href="/s2">More news</a></span>'
    )
    first = BODY[0].replace("The harbour council", f"The harbour council{card}")
    art = extract(page(paras([first, BODY[1]]) + box + paras(BODY[2:])))
    assert "five stories" not in art.text
    assert "Another story" not in art.text
    assert art.paragraphs == BODY


def test_declared_subtitle_dropped_without_headline() -> None:
    ld = {"@type": "NewsArticle", "alternativeHeadline": "Steel shortage delays the work."}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    art = extract(page('<p class="dek">Steel shortage delays the work.</p>' + paras(), head))
    assert art.paragraphs == BODY


def test_dated_lines_dropped_but_not_sentences_about_publishing() -> None:
    bs = blocks("Updated at 1:23 p.m.", "Published in the journal Nature.", "Posted: Nov. 19, 2019")
    rule_teasers(bs)
    assert [b.drop for b in bs] == ["furniture", None, "furniture"]


def test_credit_lines_dropped() -> None:
    bs = blocks("The Associated Press contributed to this report.", "With reporting from Wire.")
    rule_teasers(bs)
    assert [b.drop for b in bs] == ["credit", "credit"]


def test_rule_link_head_drops_story_list_above_body() -> None:
    bs = blocks("Music awards") + blocks("Nominations list", "Host named", links=1.0)
    bs += blocks(BODY[0], BODY[1])
    rule_link_head(bs)
    assert [b.drop for b in bs] == ["link list", "link list", "link list", None, None]


def test_links_under_a_teaser_go_with_it() -> None:
    bs = blocks("Related: Europa plumes", "Alien life", "Icy moon photos", links=1.0)
    bs += blocks(BODY[0])
    rule_teasers(bs)
    assert [b.drop for b in bs] == ["teaser", "teaser list", "teaser list", None]


_RUN = 100_000
HOSTILE_PARTS = {
    # 100k-character runs where a field rule reads: title, headline, byline, dateline,
    # separators, anchors, a credit line, a copyright line, JSON-LD and a date attribute.
    "title of spaces": {"head": f"<title>Harbour{' ' * _RUN}x | News</title>"},
    "title of separators": {"head": f"<title>{' -' * (_RUN // 2)}x</title>"},
    "headline of spaces": {"before": f"<h1>Harbour{' ' * _RUN}- x</h1>"},
    "byline of spaces": {"before": f"<div class='byline'>By {' ' * _RUN}x 2026</div>"},
    "dateline of capitals": {"before": f"<p>{'A ' * (_RUN // 2)}x</p>"},
    "dateline of spaces": {"before": f"<p>WASHINGTON{' ' * _RUN}x</p>"},
    "anchor of spaces": {"after": f"<p><a href='/x'>{' ' * _RUN}x</a>{' ' * _RUN}:</p>"},
    "separators in a block": {"after": f"<p>{' | ' * (_RUN // 3)}</p>"},
    "credit of words": {"after": f"<p>{'a ' * (_RUN // 2)} contributed to this report</p>"},
    "copyright of spaces": {"after": f"<p>Copyright{' ' * _RUN}x all rights reserved</p>"},
    "JSON-LD never closed": {"head": f"<script type='application/ld+json'>{'[' * _RUN}</script>"},
    "date of digits": {"head": f"<meta property='article:published_time' content='{'1' * _RUN}'>"},
}
_EXTRACT_HTML_STDIN = """
import json, sys
from newsdesk.extract.html import extract_html
from newsdesk.model import RawDocument
page = RawDocument(url="https://news.example/a", content=sys.stdin.buffer.read())
print(json.dumps(extract_html(page).text))
"""


@pytest.mark.parametrize("parts", list(HOSTILE_PARTS.values()), ids=list(HOSTILE_PARTS))
def test_hostile_fields_do_not_hang_the_extraction(parts: dict[str, str]) -> None:
    """A page with a 100k-character run where a field rule looks is read in about linear
    time, and the article is still found. In a child process: were a pattern to backtrack,
    the test would fail at the timeout rather than stall the suite."""
    done = subprocess.run(
        [sys.executable, "-c", _EXTRACT_HTML_STDIN],
        input=page(paras(), **parts),
        capture_output=True,
        timeout=30,
        check=True,
    )
    assert BODY[3] in json.loads(done.stdout)


# --- the fast pass and the full pass ------------------------------------------------------


def test_fragment_from_fast_pass_completed_by_full_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fast pass that keeps only the first block of a long page (a live blog cut short)
    is replaced by trafilatura's full pass, which keeps the whole body."""
    import newsdesk.extract.html as html_mod

    real = html_mod._trafilatura_body
    calls = []

    def fast_keeps_a_fragment(tree, url, fast, recall):
        calls.append(fast)
        doc = real(tree, url, fast, recall)
        if fast and doc is not None:
            for element in list(doc.body)[1:]:
                doc.body.remove(element)
            doc.raw_text = "".join(doc.body.itertext())
        return doc

    monkeypatch.setattr(html_mod, "_trafilatura_body", fast_keeps_a_fragment)
    text = extract(page(paras(BODY * 3))).text
    assert calls == [True, False]
    assert all(p in text for p in BODY)


def test_whole_fast_pass_skips_full_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fast pass that holds most of the page's text is kept: no second pass is paid."""
    import newsdesk.extract.html as html_mod

    real = html_mod._trafilatura_body
    calls = []

    def counted(tree, url, fast, recall):
        calls.append(fast)
        return real(tree, url, fast, recall)

    monkeypatch.setattr(html_mod, "_trafilatura_body", counted)
    text = extract(page(paras())).text
    assert calls == [True]
    assert text == "\n\n".join(BODY)


def test_fast_pass_that_kept_the_menu_gives_way_to_the_full_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fast pass that kept the site's menu (every line one of the page's links, as on a
    city hall's news page with a long navigation) is replaced by the full pass's article,
    though the menu is longer."""
    import newsdesk.extract.html as html_mod

    real = html_mod._trafilatura_body
    calls = []

    def fast_keeps_the_menu(tree, url, fast, recall):
        calls.append(fast)
        doc = real(tree, url, fast, recall)
        if fast:
            menu = etree.Element("p")
            for i in range(8):
                etree.SubElement(menu, "lb").tail = f"Section {i}" * 40
            doc.body.clear()
            doc.body.append(menu)
        return doc

    monkeypatch.setattr(html_mod, "_trafilatura_body", fast_keeps_the_menu)
    nav = "".join(f'<a href="/s{i}">{f"Section {i}" * 40}</a>' for i in range(8))
    art = extract(page(paras(), before=f"<div class='menu'>{nav}</div>"))
    assert calls == [True, False]
    assert art.paragraphs == BODY


def test_fast_pass_holding_the_marked_article_body_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A short article on a page full of other text: when the fast pass holds the body the
    page marks up itself (``itemprop="articleBody"``), the rest is furniture and the full
    pass (which would take some of it along) is not run."""
    import newsdesk.extract.html as html_mod

    real = html_mod._trafilatura_body
    calls = []

    def counted(tree, url, fast, recall):
        calls.append(fast)
        return real(tree, url, fast, recall)

    monkeypatch.setattr(html_mod, "_trafilatura_body", counted)
    links = "".join(
        f'<li><a href="/more/{i}">Another story from the archive, number {i}, about the '
        f"harbour, the council and the long detour on the eastern footpath</a></li>"
        for i in range(40)
    )
    body = f'<div itemprop="articleBody">{paras(BODY[:2])}</div>'
    text = extract(page(body, after=f"<aside><ul>{links}</ul></aside>")).text
    assert calls == [True]
    assert text == "\n\n".join(BODY[:2])


def _recall_adds(monkeypatch: pytest.MonkeyPatch, extra: str | None, at: int = 2) -> list[bool]:
    """Make the recall focus find an ``extra`` block at position ``at`` of the body
    (``None``: keep only the body's first block); returns the focus of every pass, True
    for recall."""
    import newsdesk.extract.html as html_mod

    real = html_mod._trafilatura_body
    focus: list[bool] = []

    def passes(tree, url, fast, recall):
        focus.append(recall)
        doc = real(tree, url, fast, recall)
        if recall and doc is not None:
            if extra is None:
                for element in list(doc.body)[1:]:
                    doc.body.remove(element)
            else:
                block = etree.Element("p")
                block.text = extra
                doc.body.insert(at, block)
            doc.raw_text = " ".join(doc.body.itertext())
        return doc

    monkeypatch.setattr(html_mod, "_trafilatura_body", passes)
    return focus


LIST_ITEM = (
    "Step five: check the welds on the northern span before the first steel beams are "
    "lifted into place, as the contractor's own inspection guide requires."
)
STORY = "https://news.example/2026/11/17/story"


def test_gate_article_gets_what_the_recall_focus_adds(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page the gate calls an article gets the blocks trafilatura's recall focus keeps
    and its balanced focus drops (the steps of a guide, the items of a list)."""
    focus = _recall_adds(monkeypatch, LIST_ITEM)
    article = extract_html(RawDocument(STORY, page(paras())), lambda *_: ("article", 0.9))
    assert focus[0] is False and True in focus
    assert article.text == "\n\n".join([*BODY[:2], LIST_ITEM, *BODY[2:]])
    assert (article.page_type, article.page_type_confidence) == ("article", 0.9)


@pytest.mark.parametrize("at", [0, len(BODY)], ids=["before", "after"])
def test_recall_focus_adds_nothing_around_the_article(
    monkeypatch: pytest.MonkeyPatch, at: int
) -> None:
    """What the recall focus finds before the article's first paragraph or after its last
    (a gallery caption, a date line, "Post Comment (+)") is furniture: not taken."""
    _recall_adds(monkeypatch, LIST_ITEM, at)
    article = extract_html(RawDocument(STORY, page(paras())), lambda *_: ("article", 0.9))
    assert article.text == "\n\n".join(BODY)


def test_recall_focus_never_trades_the_body_away(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the recall focus keeps less of the body than the balanced focus did, the
    balanced text stays: the recall pass may add to the article, not replace it."""
    _recall_adds(monkeypatch, None)
    article = extract_html(RawDocument(STORY, page(paras())), lambda *_: ("article", 0.9))
    assert article.text == "\n\n".join(BODY)


def test_not_article_keeps_the_balanced_focus(monkeypatch: pytest.MonkeyPatch) -> None:
    """A listing or a forum thread is not given the recall focus, which keeps their
    furniture as well; the page type and confidence are the gate's."""
    focus = _recall_adds(monkeypatch, LIST_ITEM)
    article = extract_html(RawDocument(STORY, page(paras())), lambda *_: ("listing", 0.8))
    assert True not in focus
    assert article.text == "\n\n".join(BODY)
    assert (article.page_type, article.page_type_confidence) == ("listing", 0.8)


def test_cookie_consent_dialog_pruned() -> None:
    onetrust = (
        '<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk"><p>We and our 600 '
        "partners use cookies and similar technologies to store and access information on "
        "your device, with your consent, for personalised ads and content.</p><button>Accept "
        "all</button></div><div class='ot-pc-content'><h3>Strictly Necessary Cookies</h3><p>"
        "These cookies are necessary for the website to function and cannot be switched off "
        "in our systems. You can set your browser to block them.</p></div></div>"
    )
    art = extract(page(paras(), after=onetrust))
    assert "cookies" not in art.text.lower()
    assert art.paragraphs == BODY


def test_prune_widgets_removes_each_vendors_consent_dialog() -> None:
    dialogs = {
        "onetrust-consent-sdk": "We and our partners use cookies with your consent.",
        "eu-cookie-compliance-banner": "We use Necessary cookies to make our website work.",
        "gdpr-privacy-settings wt-overlay": "Privacy settings: choose what we may store.",
        "privacy-cmp-banner modal": "We value your privacy.",
        "cookiePrefPopup": "Do you mind if we use optional cookies?",
    }
    blocks = "".join(f"<div class='{mark}'><p>{text}</p></div>" for mark, text in dialogs.items())
    kept = (
        "<div class='cookie-recipe'><p>Cream the butter and sugar, then fold in the chips.</p>"
        "</div><div class='consent-given'><main><p>The council voted on privacy.</p></main></div>"
    )
    tree = lxml_html.fromstring(f"<html><body>{blocks}{kept}</body></html>")
    prune_widgets(tree)
    text = tree.text_content()
    assert not any(words in text for words in dialogs.values())
    assert "Cream the butter" in text and "The council voted on privacy." in text


def test_consent_named_wrapper_around_the_article_kept() -> None:
    # A page that names its whole layout after the consent state (a class on a wrapper of
    # <main>) keeps its article: a block holding the page's main content is no dialog.
    wrapped = page("", before=f"<div class='consent-given'><main>{paras()}</main></div>")
    assert extract(wrapped).paragraphs == BODY


# --- the main landmark of pages that are not articles --------------------------------------

COURSES = [
    ("Data Science: Probability", "Probability theory through a case study of the 2008 crisis."),
    ("Fundamentals of TinyML", "Machine learning on embedded systems such as smartphones."),
    ("Business Analytics", "Develop the analytical skills to interpret and communicate data."),
    ("AI Essentials for Business", "A foundational understanding of AI concepts for managers."),
]


def listing_page(landmark: str = "main") -> bytes:
    """A course catalogue: an intro paragraph, then linked cards, inside the landmark."""
    cards = "".join(
        f"<li><h3><a href='/c/{i}'>{title}</a></h3><a href='/c/{i}'>{blurb}</a></li>"
        for i, (title, blurb) in enumerate(COURSES)
    )
    intro = (
        "<p>Harvard offers online courses in data science for every level, from the first "
        "steps in statistics to machine learning, taught by its own faculty and free to audit "
        "for anyone who wants to learn at home.</p>"
    )
    tag = "main" if landmark == "main" else "div role='main'"
    return page(
        "",
        before=f"<{tag}><nav><a href='/'>Home</a> / <a href='/s'>Subjects</a></nav>{intro}"
        f"<ul class='cards'>{cards}</ul><form><button>Load more</button></form></{tag.split()[0]}>",
    )


@pytest.mark.parametrize("landmark", ["main", "role"])
def test_listing_gets_its_items_from_the_main_landmark(landmark: str) -> None:
    """A page the gate calls a listing is its main landmark's text: the linked titles and
    blurbs an article extractor drops as navigation, without the landmark's own
    navigation and forms."""
    raw = RawDocument(STORY, listing_page(landmark))
    article = extract_html(raw, lambda *_: ("listing", 0.8))
    for title, blurb in COURSES:
        assert title in article.paragraphs and blurb in article.paragraphs
    assert "Harvard offers online courses" in article.paragraphs[0]
    assert "Subjects" not in article.text and "Load more" not in article.text
    assert article.page_type == "listing"


def test_landmark_only_for_the_kinds_it_serves() -> None:
    """An article, a forum thread or a product page keeps its extractor's text: there the
    landmark holds comments, reviews and buttons as well."""
    raw = RawDocument(STORY, listing_page())
    for kind in ("forum", "product"):
        article = extract_html(raw, lambda *_, kind=kind: (kind, 0.8))
        assert COURSES[0][1] not in article.text


def test_landmark_that_misses_the_extracted_text_is_not_taken() -> None:
    """A landmark that does not hold what the extractor found (a page whose <main> is a
    small widget beside the content) does not replace it."""
    widget = "<main><ul>" + "".join(f"<li><a href='/t{i}'>Topic {i}</a></li>" for i in range(120))
    raw = RawDocument(STORY, page(paras(), after=widget + "</ul></main>"))
    article = extract_html(raw, lambda *_: ("service", 0.8))
    assert article.paragraphs == BODY


# --- customer reviews on product pages -----------------------------------------------------

PRODUCT = [
    "The Trail 25 pack keeps a day's gear within easy reach, with a panel zip that opens the "
    "main compartment fully and side pockets that hold a litre bottle each.",
    "Its ripstop nylon body has a water-repellent finish made without PFAS, and the recycled "
    "oxford nylon bottom stands up to granite, gravel and the boot of a car.",
    "The padded shoulder straps and the foam back panel carry a full load in comfort, and the "
    "removable hipbelt keeps the pack steady on a scramble.",
]
REVIEWS = [
    "I used this bag on several short day hikes and had no complaints at all. The bottle "
    "pouches stretch enough to fit my big insulated bottle and the straps never dug in.",
    "Fantastic bag that just falls short of five stars for me. It is spacious and well built, "
    "but I wish the hipbelt pockets were a little bigger for my phone and snacks.",
    "I bought this pack in 2022 after a long search for a day pack as I got into hiking, and "
    "it quickly became my travel-everywhere pack for planes, trains and weekend trips.",
    "The rain cover saved my camera on a wet ridge walk last autumn, and it packs away into "
    "its own little pocket so small that I forget it is there until the clouds roll in.",
]


def product_page(marks: str) -> bytes:
    reviews = "".join(
        f"<div class='review'><h3>Review {i}</h3><p>{text}</p></div>"
        for i, text in enumerate(REVIEWS)
    )
    return page(paras(PRODUCT) + f"<div {marks}><h2>Customer reviews</h2>{reviews}</div>")


@pytest.mark.parametrize(
    "marks", ["class='product-reviews'", "id='yotpo-main-widget'", "itemprop='review'"]
)
def test_product_page_leaves_out_its_customer_reviews(marks: str) -> None:
    """A product page's text is what the seller says about the product: the customer
    reviews a shop or its review widget marks as such are its comment section."""
    raw = RawDocument("https://shop.example/products/trail-25", product_page(marks))
    assert REVIEWS[0] in extract_html(raw).text  # the extractor alone keeps them
    article = extract_html(raw, lambda *_: ("product", 0.8))
    assert article.paragraphs == PRODUCT


def test_reviews_stay_on_pages_that_are_not_products() -> None:
    """An article's blocks named "review" (a film review's body) are its text, and a
    seller's testimonials are part of its pitch."""
    raw = RawDocument(STORY, product_page("class='product-reviews'"))
    assert REVIEWS[0] in extract_html(raw, lambda *_: ("article", 0.9)).text
    testimonials = product_page("class='reviews testimonials'")
    raw = RawDocument("https://shop.example/products/trail-25", testimonials)
    assert REVIEWS[0] in extract_html(raw, lambda *_: ("product", 0.8)).text


# --- teaser cards of other posts beside an article ---------------------------------------

TEASERS = [
    "When the Social Security Administration denies your disability claim, it can feel like "
    "you have hit a dead end, but there are several ways to appeal the decision in time.",
    "Navigating the disability process can be overwhelming while dealing with a debilitating "
    "condition, and the system is complex, with strict deadlines at every single step.",
    "A workplace injury can leave you with medical bills and lost wages, and knowing what "
    "your employer's insurer owes you is the first step towards a fair settlement.",
]


def teaser_row(items: list[str]) -> str:
    cards = "".join(
        f"<article class='post-card'><h3><a href='/blog/{i}'>Post {i}</a></h3><p>{text}</p>"
        "</article>"
        for i, text in enumerate(items)
    )
    return f"<div class='posts-grid'><h2>Recent posts</h2>{cards}</div>"


def test_article_leaves_out_the_teaser_cards_of_other_posts() -> None:
    """A row of <article> teasers (a link and an excerpt each) after the story is the
    site's other posts, not the story's text."""
    raw = RawDocument(STORY, page(paras() + teaser_row(TEASERS)))
    assert TEASERS[0] in extract_html(raw).text  # the extractor alone keeps them
    article = extract_html(raw, lambda *_: ("article", 0.9))
    assert article.paragraphs == BODY


def test_teasers_that_are_most_of_the_page_stay() -> None:
    """Teasers that hold most of the text are what the page is (a listing the gate took
    for an article); and long <article> sections are a list article's own items."""
    raw = RawDocument(STORY, page(paras(BODY[:1]) + teaser_row(TEASERS * 2)))
    assert TEASERS[0] in extract_html(raw, lambda *_: ("article", 0.9)).text
    long_items = [" ".join([text] * 3) for text in TEASERS]
    raw = RawDocument(STORY, page(paras() + teaser_row(long_items)))
    assert long_items[0] in extract_html(raw, lambda *_: ("article", 0.9)).text
