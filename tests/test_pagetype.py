"""The page-type gate: small hand-made pages of each kind, text furniture, and the ingest gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from newsdesk.demo import CORPUS
from newsdesk.extract import extract, text_page_type
from newsdesk.extract.pagetype import PAGE_TYPES, furniture_share, html_page_type
from newsdesk.model import Article, RawDocument
from newsdesk.pipeline import Pipeline
from newsdesk.sources import expand_paths, read_file
from newsdesk.store import Store
from newsdesk.store.schema import documents

NEWS = """<!doctype html><html lang="en"><head>
<title>Harbor bridge to close for repairs | Tribune</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2026-03-04T18:30:00-05:00">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbor bridge to close"}
</script></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbor bridge to close for three weeks of repairs</h1>
<p class="byline">By Dana Whitfield</p><time datetime="2026-03-04">March 4, 2026</time>
<p>The Harbor Street bridge will close to all traffic from Monday while crews replace the
worn expansion joints that inspectors flagged last autumn, the city's transport department
said on Wednesday.</p>
<p>Commuters will be sent over the Mill Road crossing, which officials expect to add about
fifteen minutes to a typical morning drive. Buses on three routes will be rerouted.</p>
<p>"We know this is a burden, and we have scheduled the work for the quietest weeks of the
year," said the department's director, Alma Reyes, at a briefing at city hall.</p>
<p>The repairs are paid for from a state grant approved last year. The bridge carries about
twenty thousand vehicles a day and was last rebuilt in 1998.</p>
</article></body></html>"""


def _card(n: int) -> str:
    return (
        f'<div class="card"><a href="/story/{n}"><img src="/i/{n}.jpg" alt="">'
        f"<h3>Headline number {n} about the week</h3></a><p>A short teaser line.</p></div>"
    )


LISTING = (
    "<!doctype html><html><head><title>Latest news | Tribune</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
    '<main><h1>Latest news</h1><div class="grid">'
    + "".join(_card(n) for n in range(24))
    + '</div><div class="pagination"><a href="?page=2">Next page</a></div></main></body></html>'
)

PRODUCT = """<!doctype html><html><head><title>Wool Runner Shoe - Shop</title>
<meta property="og:type" content="product">
<script type="application/ld+json">{"@type": "Product", "name": "Wool Runner",
"offers": {"@type": "Offer", "price": "98.00", "priceCurrency": "USD"}}</script></head>
<body><main class="product"><h1>Wool Runner</h1><div class="price">$98.00</div>
<form class="cart"><select name="size"><option>8</option><option>9</option></select>
<input type="number" name="quantity" value="1"><button>Add to cart</button></form>
<p>Free shipping on orders over $75. In stock.</p>
<p>Soft, breathable merino wool that keeps you comfortable all day.</p>
<div class="reviews"><span class="rating">4.8</span> 1,204 reviews</div></main></body></html>"""

SIGN_IN = """<!doctype html><html><head><title>Sign in</title></head><body>
<main><h1>Sign in to your account</h1><form action="/login" method="post">
<label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign in</button></form>
<p>Forgot your password? Create an account to read every story on the site.</p>
</main></body></html>"""

FORUM = """<!doctype html><html><head>
<title>Docker build stuck on resolver - Community Forum</title>
<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "Build stuck"}
</script></head><body><div class="topic">
<div class="post" id="post-1"><div class="username">tinker42</div><div class="post-body">
<p>My docker build hangs at the resolver step on every machine I try. I have checked the DNS
settings twice and they look right. Has anyone seen this before?</p></div>
<div class="post-actions"><button>Reply</button><button>Quote</button> 3 likes</div></div>
<div class="post" id="post-2"><div class="username">maintainer_bo</div><div class="post-body">
<p>Try setting the build network to host and see whether it still hangs. Posting the full
log would help as well, since the resolver prints its config there.</p></div>
<div class="post-actions"><button>Reply</button><button>Quote</button> 7 likes</div></div>
<div class="post" id="post-3"><div class="username">tinker42</div><div class="post-body">
<p>That fixed it, thank you. Marking this as solved for anyone who finds the thread later.</p>
</div><div class="post-actions"><button>Reply</button><button>Quote</button></div></div>
</div></body></html>"""

DOCS = """<!doctype html><html><head><title>Quickstart — Flask Documentation</title></head><body>
<div class="sphinxsidebar"><h3>Table of contents</h3><ul class="toctree">
<li><a href="installation.html">Installation</a></li><li><a href="quickstart.html">Quickstart</a>
</li><li><a href="tutorial.html">Tutorial</a></li><li><a href="api.html">API reference</a></li>
</ul></div><div class="document"><div class="body"><h1>Quickstart</h1>
<p>A minimal application looks like this. Save it as hello.py and run it with the command
shown below.</p><div class="highlight"><pre><code>from flask import Flask
app = Flask(__name__)</code></pre></div>
<h2>Routing<a class="headerlink" href="#routing">¶</a></h2>
<p>Use the <code>route()</code> decorator to bind a function to a URL.</p>
<div class="highlight"><pre><code>@app.route("/")
def index():
    return "Index Page"</code></pre></div>
<div class="admonition note"><p>Note: the development server is not for production.</p></div>
</div></div></body></html>"""

NOT_FOUND = """<!doctype html><html><head><title>404 Page not found</title></head><body>
<h1>Page not found</h1><p>Sorry, the page you are looking for has been removed or is no longer
available.</p><p><a href="/">Return to the home page</a></p></body></html>"""

CRAWL_NOTICE = (
    "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
    "Archive. Flowing in every day, these data are added to the Wayback Machine after an "
    "embargo period."
)
TWEET_LOCATION = (
    "Tweet with a location\n\nYou can add location information to your Tweets, such as your "
    "city or precise location, from the web and via third-party applications. You always "
    "have the option to delete your Tweet location history. Learn more"
)
NEWS_TEXT = (
    "The Harbor Street bridge will close to all traffic from Monday while crews replace the "
    "worn expansion joints, the city's transport department said on Wednesday.\n\n"
    "Commuters will be sent over the Mill Road crossing, which officials expect to add about "
    "fifteen minutes to a typical morning drive. The repairs are paid for by a state grant."
)


def page(html: str, url: str = "https://example.org/page") -> RawDocument:
    return RawDocument(url=url, content=html.encode())


def test_a_news_article_is_an_article() -> None:
    article = extract(page(NEWS, "https://tribune.example/2026/03/04/harbor-bridge-to-close"))
    assert article.page_type == "article"
    assert 0.5 <= article.page_type_confidence <= 1.0


@pytest.mark.parametrize(
    ("html", "url", "kinds"),
    [
        (LISTING, "https://tribune.example/news/", {"listing", "collection"}),
        (PRODUCT, "https://shop.example/products/wool-runner", {"product", "collection"}),
        (SIGN_IN, "https://tribune.example/login", {"error"}),
        (FORUM, "https://forums.example.com/t/build-stuck/144854", {"forum"}),
        (DOCS, "https://flask.example.com/en/stable/quickstart/", {"documentation"}),
        (NOT_FOUND, "https://tribune.example/2026/03/gone-story", {"error"}),
    ],
    ids=["listing", "product", "sign-in", "forum", "documentation", "not-found"],
)
def test_pages_that_are_not_news_say_what_they_are(html: str, url: str, kinds: set) -> None:
    article = extract(page(html, url))
    assert article.page_type in kinds
    assert article.page_type in PAGE_TYPES
    assert 0.0 < article.page_type_confidence <= 1.0


@pytest.mark.parametrize("text", [CRAWL_NOTICE, TWEET_LOCATION], ids=["crawl", "tweet-location"])
def test_text_furniture_is_an_error_page(text: str) -> None:
    kind, confidence = text_page_type(text)
    assert kind == "error" and confidence >= 0.5
    raw = RawDocument(url="file:///notice.txt", content=text.encode(), content_type="text/plain")
    assert extract(raw).page_type == "error"


def test_news_text_is_an_article_even_when_it_mentions_furniture_words() -> None:
    assert text_page_type(NEWS_TEXT)[0] == "article"
    mention = NEWS_TEXT + "\n\nThe city posted the detour map online; follow us on Twitter."
    assert text_page_type(mention)[0] == "article"
    assert 0 < furniture_share(mention) < 0.3
    ending = NEWS_TEXT + "\n\nSign up for our newsletter to get breaking news alerts."
    assert text_page_type(ending)[0] == "article"


def test_demo_corpus_articles_all_stay_articles() -> None:
    kinds = {path.name: extract(read_file(path)).page_type for path in expand_paths([str(CORPUS)])}
    assert kinds and set(kinds.values()) == {"article"}, kinds


def test_extract_json_shows_the_page_type(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsdesk.cli import app

    path = tmp_path / "login.html"
    path.write_text(SIGN_IN)
    result = CliRunner().invoke(app, ["extract", "--json", str(path)])
    data = json.loads(result.stdout)
    assert data["page_type"] == "error" and 0 < data["page_type_confidence"] <= 1
    plain = CliRunner().invoke(app, ["extract", str(path)])
    assert "page type: error" in plain.stdout


def test_ingest_keeps_non_articles_out_of_stories_and_reruns_idempotently(
    tmp_path: Path, store: Store
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "bridge.html").write_text(NEWS)
    (pages / "latest.html").write_text(LISTING)
    (pages / "login.html").write_text(SIGN_IN)
    (pages / "notice.txt").write_text(CRAWL_NOTICE)
    files = [read_file(p) for p in expand_paths([str(pages)])]

    report = Pipeline(store).ingest(files)
    assert report.new == 1 and not report.errors
    assert sum(report.not_articles.values()) == 3
    assert report.not_articles["error"] == 2
    assert "3 not articles (" in report.line() and "error 2" in report.line()
    stories = store.stories()
    assert len(stories) == 1
    assert [a.title for a in stories[0].articles] == ["Harbor bridge to close"]
    quoted = {s.article_id for s in stories[0].summary}
    assert quoted == {stories[0].articles[0].id}
    with store.engine.connect() as conn:
        rows = conn.execute(select(documents.c.url, documents.c.status, documents.c.error)).all()
    skipped = {Path(url).name: error for url, status, error in rows if status == "not-article"}
    assert set(skipped) == {"latest.html", "login.html", "notice.txt"}
    assert skipped["notice.txt"].startswith("error (")

    again = Pipeline(store).ingest([read_file(p) for p in expand_paths([str(pages)])])
    assert again.new == 0 and again.unchanged == 4 and not again.not_articles
    assert len(store.stories()) == 1


def test_hostile_markup_costs_nothing_but_its_own_verdict() -> None:
    deep = "[" * 100_000
    html = NEWS.replace("</head>", f'<script type="application/ld+json">{deep}</script></head>')
    url = "https://tribune.example/2026/03/04/harbor-bridge-to-close"
    assert extract(page(html, url)).page_type == "article"
    nested = "<html><body>" + "<aside><a href='/'>x</a>" * 3000 + "</body></html>"
    kind, confidence = html_page_type(page(nested), Article(url="u", title="t", text=NEWS_TEXT))
    assert kind in PAGE_TYPES and 0 < confidence <= 1


def _short_news_page(url: str) -> RawDocument:
    """A ~120-word wire item (dateline, byline) in a site's heavy frame: a 40-link menu and a
    list of teasers for other stories, no article markup at all."""
    menu = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(40))
    teasers = "".join(
        f'<li class="teaser"><a href="/2026/03/story-{n}"><img src="/t/{n}.jpg" alt="">'
        f"<h3>Another headline of the day, number {n}</h3></a></li>"
        for n in range(8)
    )
    body = (
        "<p>By Priya Natarajan, Staff Writer</p>"
        "<p>SPRINGFIELD, March 4 (Tribune) - The county water board voted 5-2 on Tuesday to "
        "raise residential rates by 6 percent from July, its first increase in four years, "
        "citing the cost of replacing lead service lines across the older neighborhoods.</p>"
        "<p>The average household will pay about $3 more a month, the board said. Two members "
        "who voted against the plan asked for a discount for low-income customers, which the "
        "board agreed to study before its April meeting.</p>"
        "<p>\u201cWe cannot keep patching pipes that were laid a century ago,\u201d said the "
        "board chair, Martin Osei. Work on the first 1,200 lines is due to start in May.</p>"
    )
    html = (
        "<!doctype html><html><head><title>Water board raises rates 6% | Tribune</title>"
        f"</head><body><header><nav><ul>{menu}</ul></nav></header><main>"
        f"<h1>Water board raises rates 6% to replace lead pipes</h1>{body}</main>"
        f'<aside><h2>More news</h2><ul class="teasers">{teasers}</ul></aside></body></html>'
    )
    return page(html, url)


@pytest.mark.parametrize(
    "url",
    [
        "https://tribune.example/2026/03/04/water-board-raises-rates",
        pytest.param(
            "https://tribune.example/n/8812",
            marks=pytest.mark.xfail(
                strict=True, reason="known miss: without a dated URL the gate says listing (0.93)"
            ),
        ),
    ],
    ids=["dated-url", "bare-url"],
)
def test_a_short_news_item_in_a_heavy_frame_stays_an_article(url: str) -> None:
    article = extract(_short_news_page(url))
    assert "voted 5-2 on Tuesday" in article.text
    assert article.page_type == "article", article.page_type_confidence
    assert text_page_type(article.text)[0] == "article"
