"""A reader in a real browser: Debian's Chromium, driven by Playwright, against uvicorn on loopback.

Front page -> category -> story -> source link; search from the masthead; a
hostile title shown as text with no script run; no CSP violations. Writes
screenshots of the front page (light and dark) and a story page to bench/results/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from websupport import HOSTILE_TITLE, HOSTILE_URL, running

from newsdesk.store import Store
from newsdesk.store.queries import slugify
from newsdesk.web import create_app

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (it comes with .[test])"
)
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium; "
        ".ci/run does) to run the browser tests",
        allow_module_level=True,
    )
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results"
SOURCE_PAGE = "<!doctype html><title>Source</title><h1>The outlet's own page</h1>"


@pytest.fixture(scope="module")
def site(store: Store) -> Iterator[str]:
    with running(create_app(store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield browser
        browser.close()


class Reader:
    """A browser tab that records dialogs (script that ran) and console errors (CSP refusals)."""

    def __init__(self, browser, color_scheme: str = "light", width: int = 1280) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=color_scheme
        )
        # Outlets' sites are not reachable from here: answer for them.
        self.context.route(
            re.compile(r"^https://[^/]+\.example/"),
            lambda route: route.fulfill(status=200, content_type="text/html", body=SOURCE_PAGE),
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )
        self.page.on("console", self._console)
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, msg) -> None:
        # an outlet's picture that cannot be had is a 404 from /img/, not a fault of the page
        # (the demo's pictures are on .example hosts)
        unavailable = "/img/" in msg.location.get("url", "") and "404" in msg.text
        if msg.type == "error" and not unavailable:
            self.errors.append(msg.text)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def reader(browser) -> Iterator[Reader]:
    tab = Reader(browser)
    yield tab
    assert tab.dialogs == [], "a script ran"
    assert tab.errors == [], "the browser reported errors (CSP refusals?)"
    tab.close()


def test_front_page_to_category_to_story_to_source(site: str, store: Store, reader: Reader) -> None:
    page = reader.page
    page.goto(site + "/")
    assert page.title() == "Top stories · newsdesk"
    nav = page.get_by_role("navigation", name="Sections")
    assert nav.get_by_role("link", name="Local News").is_visible()
    # the stylesheet applied under the CSP
    assert page.locator(".sections ul").evaluate("el => getComputedStyle(el).display") == "flex"

    story = max(
        (
            s
            for s in store.stories()
            if s.category
            and any((a.canonical_url or a.url).startswith("https://") for a in s.articles)
        ),
        key=lambda s: len(s.outlets),
    )
    nav.get_by_role("link", name=story.category, exact=True).click()
    page.wait_for_url(f"{site}/category/{slugify(story.category)}")
    assert page.get_by_role("heading", level=1).inner_text() == story.category

    page.get_by_role("link", name=story.headline, exact=True).click()
    page.wait_for_url(f"{site}/story/{story.id}")
    assert page.get_by_role("heading", level=1).inner_text() == story.headline
    read_more = page.get_by_role("region", name="Read More")
    for article in story.articles:
        assert read_more.get_by_text(article.title, exact=True).count() >= 1
    first_citation = page.locator(".summary a.cite").first
    first_citation.click()
    assert re.search(r"#source-\d+$", page.url)

    source = next(a for a in story.articles if (a.canonical_url or a.url).startswith("https://"))
    href = source.canonical_url or source.url
    if source.id in story.duplicates:  # a copy: folded under its original until opened
        folded = page.locator(f"details.copies:has(a[href='{href}'])")
        if folded.get_attribute("open") is None:  # a #source-n fragment opens it
            folded.locator("summary").click()
    page.locator(f'.sources a[href="{href}"]').click()
    page.wait_for_url(href)
    assert page.get_by_role("heading", level=1).inner_text() == "The outlet's own page"


def test_search_from_the_masthead(site: str, reader: Reader) -> None:
    page = reader.page
    page.goto(site + "/")
    page.get_by_role("searchbox", name="Search stories").fill("Quillmoor marmalade")
    page.get_by_role("searchbox", name="Search stories").press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Quillmoor"))
    results = page.locator("article.card h3")
    assert results.all_inner_texts() == [HOSTILE_TITLE]
    page.get_by_role("searchbox", name="Search stories").fill("zzznothingmatches")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url(re.compile(r"q=zzznothingmatches"))
    assert page.get_by_text("No stories match").is_visible()


def test_hostile_title_renders_as_text(site: str, store: Store, reader: Reader) -> None:
    story = next(s for s in store.stories() if any(a.url == HOSTILE_URL for a in s.articles))
    page = reader.page
    page.goto(f"{site}/story/{story.id}")
    assert page.get_by_role("heading", level=1).inner_text() == HOSTILE_TITLE
    assert page.locator("script").count() == 0
    assert page.locator("img[onerror]").count() == 0
    assert page.get_by_text("Evil <img src=x onerror=alert(3)> Times").count() >= 1
    page.goto(f"{site}/")
    assert page.get_by_role("link", name=HOSTILE_TITLE).count() == 1


def test_screenshots_for_review(site: str, store: Store, browser) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    story = max(store.stories(), key=lambda s: (bool(s.related), len(s.outlets), len(s.duplicates)))
    for scheme, width, suffix in (
        ("light", 1280, ""),
        ("dark", 1280, "-dark"),
        ("light", 390, "-mobile"),
    ):
        tab = Reader(browser, color_scheme=scheme, width=width)
        tab.page.goto(site + "/")
        # responsive: nothing wider than the viewport
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= width
        tab.page.screenshot(path=RESULTS / f"web-front{suffix}.png", full_page=True)
        assert (RESULTS / f"web-front{suffix}.png").stat().st_size > 10_000
        tab.close()
    for width, suffix in ((1280, ""), (390, "-mobile")):
        tab = Reader(browser, width=width)
        tab.page.goto(f"{site}/story/{story.id}")
        if story.duplicates:
            tab.page.locator("details.copies").first.evaluate("el => el.open = true")
        tab.page.screenshot(path=RESULTS / f"web-story{suffix}.png", full_page=True)
        assert (RESULTS / f"web-story{suffix}.png").stat().st_size > 10_000
        assert tab.dialogs == [] and tab.errors == []
        tab.close()


def test_story_page_uses_the_width_and_the_nav_stays_on_one_line(
    site: str, store: Store, browser
) -> None:
    story = max(store.stories(), key=lambda s: (bool(s.related), len(s.articles)))
    wide = Reader(browser, width=1280)
    wide.page.goto(f"{site}/story/{story.id}")
    article = wide.page.locator("article.story").bounding_box()
    side = wide.page.locator(".side").bounding_box()
    # desktop: coverage and related stories in a column beside the story, not under it
    assert side["x"] >= article["x"] + article["width"] and side["y"] < article["y"] + 200
    assert article["width"] + side["width"] > 0.75 * 1280 - 32
    assert wide.page.locator(".side .related h3").count() == len(story.related) > 0
    assert wide.dialogs == [] and wide.errors == []
    wide.close()

    phone = Reader(browser, width=390)
    phone.page.goto(f"{site}/story/{story.id}")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    article = phone.page.locator("article.story").bounding_box()
    side = phone.page.locator(".side").bounding_box()
    assert side["y"] >= article["y"] + article["height"]  # phone: one column
    links = phone.page.locator("nav.sections a")
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    assert len(tops) == 1, f"the nav wraps into {len(tops)} lines at 390 px"
    # the sections past the edge are reachable by scrolling the nav sideways
    last = links.last
    last.scroll_into_view_if_needed()
    assert last.is_visible() and last.bounding_box()["x"] + 1 < 390
    times = phone.page.locator("time[title]")
    assert times.count() > 0 and re.search(r"ago|now|yesterday|\d{4}", times.first.inner_text())
    assert phone.dialogs == [] and phone.errors == []
    phone.close()


def test_pictures_come_only_from_the_site_through_its_proxy(
    db_url: str, tmp_path: Path, browser
) -> None:
    from test_pictures import article_page, image_server

    from newsdesk.config import FetchConfig
    from newsdesk.pipeline import Pipeline
    from newsdesk.web.images import ImageProxy

    with image_server() as images, Store(db_url) as store:
        head = (
            f'<meta property="og:image" content="{images.base}/lead.png">'
            f'<link rel="icon" href="{images.base}/favicon.ico">'
        )
        Pipeline(store).ingest([article_page(1, head)])
        proxy = ImageProxy(tmp_path / "cache", config=FetchConfig(allow_private=True))
        story = store.stories()[0]
        with running(create_app(store, images=proxy)) as url:
            tab = Reader(browser)
            for path in ("/", f"/story/{story.id}"):
                tab.page.goto(url + path)
                shown = tab.page.locator("img[src^='/img/']")
                assert shown.count() >= 1
                for i in range(shown.count()):  # decoded: a real picture, not a broken frame
                    shown.nth(i).scroll_into_view_if_needed()  # icons load lazily
                    width = "img => img.decode().then(() => img.naturalWidth, () => 0)"
                    assert shown.nth(i).evaluate(width) > 0
            assert tab.page.locator(".picture img").evaluate("img => img.naturalWidth") == 32
            assert {r.split("/")[2] for r in tab.requests} == {url.split("/")[2]}
            assert tab.dialogs == [] and tab.errors == []
            tab.close()
        assert images.hits.count("/lead.png") == 1  # the outlet saw newsdesk once, no reader
