"""Near-duplicates, exact copies, bounded memory and provenance (who copied whom)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdesk.dedup import Deduplicator, provenance
from newsdesk.extract import extract
from newsdesk.sources import read_file

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WIRE = (
    "PORT AVERY (Northwind Wire) — The harbor authority approved a new ferry terminal on "
    "Monday after a two-year review of noise, traffic and cost.\n\n"
    "The terminal will handle four ferries an hour at peak and open in the spring of 2028, "
    "the authority said in a statement issued after the vote.\n\n"
    "Residents of the east shore had opposed the plan, saying the extra traffic would clog "
    "the only road into the old town and keep them awake at night.\n\n"
    "The authority promised a noise wall and a shuttle bus from the station to the pier."
)
OTHER = (
    "Council members in Millbrook voted to extend library opening hours on weekends, after a "
    "petition gathered more than three thousand signatures from parents and students.\n\n"
    "The change costs about forty thousand a year and starts next month, the council said."
)


def art(text: str, outlet: str, hours: float = 0, title: str = "Ferry terminal approved"):
    from newsdesk.model import Article

    return Article(
        url=f"https://{outlet.lower().replace(' ', '')}.example/{hours}",
        title=title,
        text=text,
        outlet=outlet,
        published=T0 + timedelta(hours=hours),
    )


def test_exact_and_near_copies_are_grouped_and_independent_text_is_not() -> None:
    dedup = Deduplicator()
    wire = art(WIRE, "Northwind Wire")
    assert dedup.add(wire) is None
    exact = dedup.add(art(WIRE.replace("\n\n", "\n\n  "), "Metro Post", 1))
    assert exact is not None and exact.exact and exact.group == wire.id
    trimmed = WIRE.rsplit("\n\n", 1)[0].replace("Monday", "Monday evening")
    near = dedup.add(art(trimmed, "Lakeshore Gazette", 2))
    assert near is not None and not near.exact and near.group == wire.id
    assert 0.5 <= near.similarity < 1.0
    assert dedup.add(art(OTHER, "Valley Ledger", 3)) is None


def test_capacity_bounds_the_index_and_oldest_leave_first() -> None:
    dedup = Deduplicator(capacity=3)
    first = art(WIRE, "Wire 0")
    dedup.add(first)
    for i in range(1, 6):
        dedup.add(art(f"{OTHER} Item {i} of the day, number {i * 7}.", f"Outlet {i}", i))
    assert len(dedup) == 3
    assert dedup.add(art(WIRE, "Late copy", 9)) is None  # its original has left the index


def test_copies_are_found_across_index_rebuilds_and_reused_slots(monkeypatch) -> None:
    """The compact index (sorted band keys, rebuilt every few articles, and a ring of
    slots): a copy is found whether its original was indexed before or after the last
    rebuild, and never through a slot that a later article has taken over."""
    import random

    import newsdesk.dedup as dedup_module

    monkeypatch.setattr(dedup_module, "BLOCK", 4)
    monkeypatch.setattr(dedup_module, "REBUILD", 3)
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(3000)]
    texts = [" ".join(rng.choices(vocabulary, k=120)) for _ in range(60)]
    originals = [art(text, f"Outlet {i}", i) for i, text in enumerate(texts)]
    dedup = Deduplicator(capacity=36)  # three articles a step: the last 12 steps
    for i, original in enumerate(originals):
        assert dedup.add(original) is None
        back = (0, 2, 5, 9)[i % 4]  # just added, or before and after rebuilds
        if i >= back:
            words = texts[i - back].split()
            words[60] = "changed"
            near = dedup.add(art(" ".join(words), f"Copy {i}", i))
            assert near is not None and near.group == originals[i - back].id
        if i >= 30:  # the original and its copy left the index: their slots are reused
            assert dedup.add(art(texts[i - 30], f"Late {i}", i)) is None
    assert len(dedup) == 36


def test_provenance_names_origin_copies_and_containment() -> None:
    wire = art(WIRE, "Northwind Wire")
    copy = art(WIRE + "\n\nCopyright 2026 Northwind Wire. All rights reserved.", "Metro Post", 2)
    excerpt = art(WIRE.split("\n\n")[1], "Valley Ledger", 3)
    more = " ".join(f"In district {i} the board heard objection {i * 3}." for i in range(40))
    extended = art(f"{WIRE}\n\n{more}", "Gazette", 4)
    unrelated = art(OTHER.replace("Millbrook", "Eastbank"), "Riverside News", 5)
    prov = provenance([unrelated, excerpt, copy, wire, extended])
    assert prov.earliest == wire.id
    assert prov.origin == "Northwind Wire"
    assert prov.link(copy.id).how == "near-duplicate"
    assert prov.link(copy.id).source_id == wire.id
    assert prov.link(copy.id).credit == "Northwind Wire"
    assert prov.link(excerpt.id).how == "contained"
    assert prov.link(excerpt.id).source_id == wire.id
    assert prov.link(extended.id).how == "contained"
    assert prov.link(extended.id).source_id == wire.id
    assert prov.link(wire.id) is None
    assert [sorted(g) for g in prov.groups] == [sorted([wire.id, copy.id])]


def test_the_copy_is_the_page_that_credits_the_other_even_when_dated_earlier() -> None:
    wire = art(WIRE, "Northwind Wire", hours=5)
    credited = WIRE.replace("Monday after", "Monday, Northwind Wire reported, after")
    copy = art(credited + "\n\nCopyright 2026 Northwind Wire. All rights reserved.", "Metro", 1)
    prov = provenance([copy, wire])
    assert prov.link(copy.id).source_id == wire.id
    assert prov.link(wire.id) is None


def test_a_rewrite_of_agency_copy_is_marked_republished_from_the_agency(samples: Path) -> None:
    rewrite = extract(read_file(samples / "004_581a4c5e22a6216a.txt"))
    prov = provenance([rewrite])
    link = prov.link(rewrite.id)
    assert link is not None and link.how == "credit"
    assert link.credit == "The Associated Press"
    assert prov.origin == "The Associated Press"


def test_minhash_estimates_jaccard_of_5_gram_sets() -> None:
    from newsdesk.dedup import minhash, similarity
    from newsdesk.nlp import shingles

    base = [f"w{i}" for i in range(400)]
    for keep in (400, 300, 200, 100):
        other = base[:keep] + [f"x{i}" for i in range(400 - keep)]
        a, b = shingles(" ".join(base)), shingles(" ".join(other))
        true = len(a & b) / len(a | b)
        assert abs(similarity(minhash(" ".join(base)), minhash(" ".join(other))) - true) < 0.12
    assert similarity(minhash(""), minhash("")) == 1.0
