"""newsdesk digest entries (newsdesk.extract.text.digest)."""

from __future__ import annotations

from textsupport import raw, sample

from newsdesk.extract.text import extract_text


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
