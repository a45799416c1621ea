"""The command line, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.demo import truth

runner = CliRunner()


def test_every_command_has_help() -> None:
    for command in ("extract", "ingest", "digest", "demo"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output


def test_extract_json_fields(samples: Path) -> None:
    result = runner.invoke(app, ["extract", str(samples / "004_581a4c5e22a6216a.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for field in (
        "title",
        "subtitle",
        "author",
        "published",
        "dateline",
        "outlet",
        "section",
        "language",
        "url",
        "canonical_url",
        "text",
        "rights",
        "warnings",
    ):
        assert field in data
    assert data["published"].startswith("2026-01-03")


def test_extract_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.html")])
    assert result.exit_code == 1
    assert "nope.html" in result.output
    # A name is printed as it is, never read as terminal markup.
    marked = runner.invoke(app, ["extract", str(tmp_path / "[bold]draft[/bold].html")])
    assert marked.exit_code == 1 and "[bold]draft[/bold].html" in marked.output


def test_ingest_then_digest_in_every_format(samples: Path, db_url: str) -> None:
    result = runner.invoke(app, ["ingest", str(samples), "--db", db_url])
    assert result.exit_code == 0, result.output
    text = runner.invoke(app, ["digest", "--db", db_url])
    assert text.exit_code == 0
    assert text.stdout.count(": Summary:") == 1 and "Read More" in text.stdout
    md = runner.invoke(app, ["digest", "--db", db_url, "--format", "markdown"])
    assert md.stdout.startswith("## ")
    js = runner.invoke(app, ["digest", "--db", db_url, "--format", "json"])
    assert len(json.loads(js.stdout)["stories"]) == 1
    future = runner.invoke(app, ["digest", "--db", db_url, "--since", "2099-01-01"])
    assert future.exit_code == 0 and future.stdout == ""
    bad = runner.invoke(app, ["digest", "--db", db_url, "--format", "pdf"])
    assert bad.exit_code == 1 and "pdf" in bad.output


def test_demo_prints_the_digest_and_how_to_open_the_site(db_url: str) -> None:
    result = runner.invoke(app, ["demo", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.stdout.count(": Summary:") == len(truth()["stories"])
    assert f"serve --db {db_url}" in result.output


def test_stories_section_sets_the_clusterer(
    samples: Path, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two samples report one event: one story, unless [stories] asks for near-copies."""
    config = tmp_path / "newsdesk.toml"
    config.write_text("[stories]\nthreshold = 0.95\n")
    monkeypatch.setenv("NEWSDESK_CONFIG", str(config))
    result = runner.invoke(app, ["ingest", str(samples), "--db", db_url])
    assert result.exit_code == 0, result.output
    js = runner.invoke(app, ["digest", "--db", db_url, "--format", "json"])
    stories = json.loads(js.stdout)["stories"]
    assert len(stories) == 2
    explained = runner.invoke(app, ["stories", "--db", db_url, "--explain", stories[0]["id"]])
    assert "(threshold 0.95)" in explained.stdout
    config.write_text('[stories]\nthreshold = "high"\n')
    bad = runner.invoke(app, ["ingest", str(samples), "--db", db_url])
    assert bad.exit_code == 1 and "[stories]" in bad.output and "threshold" in bad.output


def test_ingest_exit_status_says_whether_inputs_failed(tmp_path: Path, db_url: str) -> None:
    from newsdesk.cli import EXIT_NONE_INGESTED, EXIT_SOME_FAILED
    from newsdesk.demo import CORPUS

    good = tmp_path / "good.html"
    good.write_bytes(next(CORPUS.rglob("*.html")).read_bytes())
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.html"
    binary.write_bytes(bytes(range(256)) * 40)
    assert EXIT_SOME_FAILED not in (0, 1, 2) and EXIT_NONE_INGESTED not in (0, 1, 2)
    assert EXIT_SOME_FAILED != EXIT_NONE_INGESTED

    def status(*files: Path) -> int:
        return runner.invoke(app, ["ingest", *map(str, files), "--db", db_url]).exit_code

    assert status(empty, binary) == EXIT_NONE_INGESTED
    assert status(good, empty) == EXIT_SOME_FAILED
    assert status(good) == 0  # already stored: nothing failed
    assert status(tmp_path / "missing.html") == 1
    help_text = " ".join(runner.invoke(app, ["ingest", "--help"]).output.split())
    assert f"{EXIT_SOME_FAILED} when some inputs failed" in help_text
    assert f"{EXIT_NONE_INGESTED} when every input failed" in help_text


def test_invalid_utf8_is_warned_about_in_text_renders_as_in_html(tmp_path: Path) -> None:
    sentence = "The council voted on Tuesday to close the old bridge for repairs, officials said. "
    # UTF-8 with a few cp1252 bytes in it: whatever it is decoded as, it is a guess.
    mixed = (sentence * 3).encode() + "Café owners".encode() + b" were \x93worried\x94 about trade."
    pages = {
        "page.txt": b"Bridge to close for repairs\n\n" + b"\n\n".join([mixed] * 4),
        "page.html": b"<html><head><title>Bridge to close for repairs</title></head><body>"
        b"<article><h1>Bridge to close for repairs</h1>"
        + b"".join(b"<p>" + mixed + b"</p>" for _ in range(4))
        + b"</article></body></html>",
    }
    for name, content in pages.items():
        (tmp_path / name).write_bytes(content)
        result = runner.invoke(app, ["extract", str(tmp_path / name), "--json"])
        assert result.exit_code == 0, result.output
        warnings = json.loads(result.stdout)["warnings"]
        assert any("invalid UTF-8" in w for w in warnings), (name, warnings)


def test_time_zone_names_dateutil_does_not_know_stay_off_stderr(tmp_path: Path) -> None:
    """htmldate hands og:updated_time to dateutil without ``tzinfos``; a real process's
    stderr must not carry dateutil's UnknownTimezoneWarning."""
    import subprocess
    import sys

    paragraph = (
        "<p>The council voted on Tuesday to close the old bridge for repairs, officials said,"
        " after engineers found cracks in two of its piers during a routine inspection.</p>"
    )
    page = tmp_path / "tz.html"
    page.write_text(
        '<html><head><title>Bridge to close</title><meta property="og:updated_time" '
        f'content="2019-11-19 10:00 XYZ"></head><body><article><h1>Bridge to close</h1>'
        f"{paragraph * 4}</article></body></html>"
    )
    newsdesk = str(Path(sys.executable).with_name("newsdesk"))
    db = f"sqlite:///{tmp_path / 'tz.db'}"
    for command in (["extract", str(page)], ["ingest", str(page), "--db", db]):
        done = subprocess.run([newsdesk, *command], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "Warning" not in done.stderr and "tzname" not in done.stderr, done.stderr


def test_the_demo_database_is_one_file_made_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.cli import fresh_demo_database

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = fresh_demo_database()
    first.write_bytes(b"an old demo run")
    first.with_name("demo.db-wal").write_bytes(b"its journal")
    second = fresh_demo_database()
    assert second == first and not second.exists()
    assert list(second.parent.iterdir()) == []  # nothing left behind, nothing new made
    assert tmp_path / "cache" in second.parents
