"""The pieces of live sources that need no server: config, address policy, parsing, schedule."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.config import ConfigError, FetchConfig, load_config
from newsdesk.sources.errors import SourceError
from newsdesk.sources.feeds import parse_feed
from newsdesk.sources.fetcher import retry_after_seconds
from newsdesk.sources.live import clean_url
from newsdesk.sources.safety import address_problem, check_scheme, door_problem
from newsdesk.sources.sitemaps import parse_sitemap
from newsdesk.sources.state import Registry, Source, next_poll, source_target
from newsdesk.store import Store

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def test_config_file_fetch_settings_sources_and_other_sections(tmp_path: Path) -> None:
    path = tmp_path / "newsdesk.toml"
    path.write_text(
        '[fetch]\ncontact = "https://example.org/bot"\ndelay = 2\nmax_bytes = 1000\n\n'
        '[[sources]]\nurl = "https://example.org/feed.xml"\nname = "ex"\nkind = "feed"\n'
        'interval = 60\n\n[summarize.llm]\nmodel = "m"\n\n[web]\nport = 8080\n'
    )
    config = load_config(path)
    assert config.fetch.delay == 2.0 and config.fetch.max_bytes == 1000
    assert config.fetch.user_agent_header.startswith("newsdesk/")
    assert config.fetch.user_agent_header.endswith("(+https://example.org/bot)")
    (source,) = config.sources
    assert (source.url, source.name, source.kind, source.interval) == (
        "https://example.org/feed.xml",
        "ex",
        "feed",
        60,
    )
    assert config.section("summarize.llm") == {"model": "m"}
    assert config.section("web") == {"port": 8080} and config.section("nope") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fetch]\ndelai = 1\n", "unknown setting 'delai'"),
        ('[fetch]\ndelay = "fast"\n', "delay must be a float"),
        ("[fetch]\nretries = -1\n", "retries must be a finite number ≥ 0"),
        ("[fetch]\ndelay = nan\n", "delay must be a finite number ≥ 0"),
        ('[[sources]]\nname = "x"\n', "source 1: has no url"),
        ('[[sources]]\nurl = "https://x.org/"\nkind = "rss"\n', "kind 'rss' is not one of"),
        ("[fetch\n", "not valid TOML"),
    ],
)
def test_config_errors_name_the_file_and_the_setting(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "newsdesk.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_no_config_file_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSDESK_CONFIG", raising=False)
    config = load_config()
    assert config.fetch == FetchConfig() and config.sources == () and config.path is None


@pytest.mark.parametrize(
    ("address", "allow_private", "problem"),
    [
        ("93.184.216.34", False, None),
        ("2606:4700::1111", False, None),
        ("127.0.0.1", False, "a loopback address"),
        ("::1", False, "a loopback address"),
        ("::ffff:127.0.0.1", False, "a loopback address"),
        ("10.0.0.8", False, "a private address"),
        ("192.168.1.1", False, "a private address"),
        ("fd12::1", False, "a private address"),
        ("169.254.10.10", False, "a link-local address"),
        ("fe80::1", False, "a link-local address"),
        ("100.64.0.1", False, "not a public address"),
        ("0.0.0.0", True, "an unspecified address"),
        ("224.0.0.1", True, "a multicast address"),
        ("127.0.0.1", True, None),
        ("10.0.0.8", True, None),
        ("169.254.169.254", True, "a cloud metadata address"),
        ("169.254.10.10", True, "a link-local address"),  # the metadata range, always
        ("fe80::1", True, "a link-local address"),
        ("fd00:ec2::254", True, "a cloud metadata address"),
    ],
)
def test_address_policy(address: str, allow_private: bool, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address), allow_private) == problem


@pytest.mark.parametrize(
    ("url", "allow_private", "problem"),
    [
        ("https://news.example/feed.xml", False, None),  # a name: checked when fetched
        ("http://127.0.0.1:8000/feed", True, None),
        ("http://127.0.0.1:8000/feed", False, "127.0.0.1 is a loopback address"),
        ("http://169.254.169.254/latest/", True, "169.254.169.254 is a cloud metadata address"),
        ("http://2852039166/", True, "2852039166 is a cloud metadata address"),
        ("http://0xa9fea9fe/", True, "0xa9fea9fe is a cloud metadata address"),
        ("http://[::ffff:a9fe:a9fe]/", True, "is a cloud metadata address"),
        ("http://169.254.1.1/", True, "169.254.1.1 is a link-local address"),
        ("javascript:alert(1)", True, "only http and https URLs"),
        ("data:text/html,x", True, "only http and https URLs"),
        ("http:///x", True, "no host name"),
    ],
)
def test_door_policy(url: str, allow_private: bool, problem: str | None) -> None:
    found = door_problem(url, allow_private)
    assert (found is None) if problem is None else (found and problem in found), found


def test_only_http_urls_with_a_host() -> None:
    assert check_scheme("https://example.org/a") == ("example.org", 443)
    assert check_scheme("HTTP://example.org:8080/") == ("example.org", 8080)
    for url in ("file:///etc/passwd", "ftp://x.org/", "javascript:alert(1)", "http:///x"):
        with pytest.raises(SourceError) as caught:
            check_scheme(url)
        assert caught.value.kind == "blocked" and url in str(caught.value)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Wed, 18 Nov 2026 12:01:00 GMT", now=NOW) == 60.0
    assert retry_after_seconds("Wed, 18 Nov 2026 11:00:00 GMT", now=NOW) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_polls_back_off_while_nothing_is_new() -> None:
    waits = [(next_poll(NOW, 60, idle, 600) - NOW).total_seconds() for idle in range(6)]
    assert waits == [60, 120, 240, 480, 600, 600]


def test_tracking_parameters_and_fragments_are_dropped() -> None:
    assert clean_url("https://x.org/a?utm_source=rss&id=3&fbclid=z#top") == "https://x.org/a?id=3"
    assert clean_url("https://x.org") == "https://x.org/"


def test_feed_and_sitemap_entries_resolve_relative_links_newest_first() -> None:
    feed = (
        b'<rss version="2.0"><channel><title>t</title>'
        b"<item><link>/old</link><pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate></item>"
        b"<item><link>/new#x</link><pubDate>Tue, 17 Nov 2026 10:00:00 GMT</pubDate>"
        b"<category>Sport</category></item><item><title>no link</title></item>"
        b"</channel></rss>"
    )
    entries = parse_feed(feed, "https://x.org/feed.xml")
    assert [e.url for e in entries] == ["https://x.org/new", "https://x.org/old"]
    assert entries[0].category == "Sport"
    assert entries[0].updated == datetime(2026, 11, 17, 10, tzinfo=UTC)
    sitemap = parse_sitemap(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://x.org/a</loc><lastmod>2026-11-16</lastmod></url>"
        b"<url><loc>https://x.org/b</loc><lastmod>2026-11-17T08:00:00+02:00</lastmod></url>"
        b"</urlset>",
        "https://x.org/sitemap.xml",
    )
    assert [e.url for e in sitemap.entries] == ["https://x.org/b", "https://x.org/a"]
    assert sitemap.entries[0].updated == datetime(2026, 11, 17, 6, tzinfo=UTC)
    with pytest.raises(SourceError, match="not a sitemap"):
        parse_sitemap(b"<html><body/></html>", "https://x.org/page")
    with pytest.raises(SourceError, match="XXE"):
        parse_sitemap(
            b'<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset>&x;</urlset>',
            "https://x.org/xxe.xml",
        )


def test_registry_adds_lists_removes_and_syncs_config(tmp_path: Path, store: Store) -> None:
    registry = Registry(store)
    registry.add(Source("https://x.org/feed.xml", "feed", "x"))
    warc = tmp_path / "cc-news.warc.gz"
    warc.write_bytes(b"")
    assert source_target(str(warc)) == (warc.resolve().as_uri(), "warc")
    assert source_target("https://x.org/a.warc.gz") == ("https://x.org/a.warc.gz", "warc")
    for refused in ("http://169.254.169.254/latest/meta-data/", "http://2852039166/", "gopher://x"):
        with pytest.raises(SourceError):
            source_target(refused)
    with pytest.raises(SourceError, match="only be a WARC"):
        source_target(str(warc), "feed")

    config = load_config_text(tmp_path, 'url = "https://y.org/sitemap.xml"\nkind = "sitemap"')
    registry.sync_config(config.sources)
    assert [(s.url, s.origin) for s in registry.sources()] == [
        ("https://x.org/feed.xml", "cli"),
        ("https://y.org/sitemap.xml", "config"),
    ]
    with pytest.raises(SourceError, match="remove it there"):
        registry.remove("https://y.org/sitemap.xml")
    registry.sync_config(())
    assert [s.url for s in registry.sources()] == ["https://x.org/feed.xml"]

    (source,) = registry.sources()
    registry.record_poll(source, had_new=False, error=None, default_interval=60, max_interval=600)
    (source,) = registry.sources()
    assert source.idle_polls == 1 and registry.sources(due_by=datetime.now(UTC)) == []
    assert registry.sources(due_by=datetime.now(UTC) + timedelta(seconds=121)) != []
    assert registry.remove("x").url == "https://x.org/feed.xml" and registry.sources() == []


def load_config_text(tmp_path: Path, source: str):
    path = tmp_path / "sync.toml"
    path.write_text(f"[[sources]]\n{source}\n")
    return load_config(path)
