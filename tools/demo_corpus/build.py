"""Build the demo corpus: stories/*.json -> src/newsdesk/demo/corpus/ + truth.json.

    .venv/bin/python tools/demo_corpus/build.py

Deletes and rewrites the corpus folder on every run.  The output depends only
on the story files and the templates in outlets.py: same input, same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from outlets import OUTLETS  # noqa: E402

from newsdesk.classify import CATEGORIES  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
STORIES = HERE / "stories"
DEMO = ROOT / "src" / "newsdesk" / "demo"
CORPUS = DEMO / "corpus"
TRUTH = DEMO / "truth.json"

KINDS = {"wire", "copy", "rewrite", "original"}
VERSION_KEYS = {
    "outlet",
    "slug",
    "url",
    "kind",
    "copy_of",
    "render",
    "title",
    "subtitle",
    "author",
    "published",
    "dateline",
    "section",
    "language",
    "paragraphs",
    "rights",
}
OPTIONAL_VERSION_KEYS = {"image_caption"}


class StoryError(ValueError):
    pass


def parse_time(value: str) -> datetime:
    dt = datetime.fromisoformat(value)
    if dt.tzinfo is None:
        raise StoryError(f"published time without a timezone: {value!r}")
    return dt.astimezone(UTC)


def check_story(story: dict, path: Path) -> None:
    where = path.name
    for key in ("id", "category", "headline", "reference_summary", "versions"):
        if key not in story:
            raise StoryError(f"{where}: missing {key!r}")
    if story["id"] != path.stem:
        raise StoryError(f"{where}: id {story['id']!r} does not match the file name")
    if story["category"] not in CATEGORIES:
        raise StoryError(f"{where}: unknown category {story['category']!r}")
    slugs = [v.get("slug") for v in story["versions"]]
    for v in story["versions"]:
        label = f"{where}:{v.get('slug')}"
        missing = VERSION_KEYS - v.keys()
        extra = v.keys() - VERSION_KEYS - OPTIONAL_VERSION_KEYS
        if missing or extra:
            raise StoryError(f"{label}: missing {sorted(missing)}, unknown {sorted(extra)}")
        if v["outlet"] not in OUTLETS:
            raise StoryError(f"{label}: unknown outlet {v['outlet']!r}")
        if v["kind"] not in KINDS:
            raise StoryError(f"{label}: unknown kind {v['kind']!r}")
        if v["kind"] in ("copy", "rewrite") and v["copy_of"] not in slugs:
            raise StoryError(f"{label}: copy_of {v['copy_of']!r} is not a version of this story")
        want = "text" if OUTLETS[v["outlet"]].extension == "txt" else "html"
        if v["render"] != want:
            raise StoryError(f"{label}: {v['outlet']} pages are rendered as {want}")
        if not v["paragraphs"] or not all(isinstance(p, str) and p for p in v["paragraphs"]):
            raise StoryError(f"{label}: paragraphs must be non-empty strings")
        parse_time(v["published"])


def load_stories() -> list[dict]:
    stories = []
    for path in sorted(STORIES.glob("s*.json")):
        story = json.loads(path.read_text(encoding="utf-8"))
        check_story(story, path)
        stories.append(story)
    return stories


def build() -> dict:
    stories = load_stories()
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    pages = []
    seen: set[str] = set()
    for story in stories:
        for version in story["versions"]:
            outlet = OUTLETS[version["outlet"]]
            v = dict(version, published=parse_time(version["published"]))
            ctx = {
                "key": f"{story['id']}/{outlet.slug}/{v['slug']}",
                "category": story["category"],
                "story": story,
            }
            text = outlet.template(v, ctx)
            rel = f"{outlet.slug}/{v['slug']}.{outlet.extension}"
            if rel in seen:
                raise StoryError(f"two pages would be written to {rel}")
            seen.add(rel)
            target = CORPUS / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode(outlet.encoding, errors="xmlcharrefreplace"))
            pages.append(
                {
                    "file": rel,
                    "story": story["id"],
                    "outlet": outlet.name,
                    "url": v["url"],
                    "title": v["title"],
                    "subtitle": v["subtitle"],
                    "author": v["author"],
                    "published": v["published"].isoformat(),
                    "dateline": v["dateline"],
                    "section": v["section"],
                    "language": v["language"],
                    "encoding": outlet.encoding,
                    "render": v["render"],
                    "kind": v["kind"],
                    "copy_of": v["copy_of"],
                    "body": "\n\n".join(v["paragraphs"]),
                    "rights": v["rights"],
                }
            )
    truth = {
        "pages": pages,
        "stories": {
            s["id"]: {
                "headline": s["headline"],
                "category": s["category"],
                "reference_summary": s["reference_summary"],
            }
            for s in stories
        },
    }
    TRUTH.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return truth


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.charset: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-type":
            m = re.search(r"charset=([\w-]+)", a.get("content") or "")
            self.charset = m.group(1) if m else None
        elif tag == "meta" and a.get("charset"):
            self.charset = a["charset"]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def squash(text: str) -> str:
    return " ".join(text.split())


def verify(truth: dict) -> list[str]:
    """Cross-check the written pages against truth.json; returns the problems found."""
    problems = []
    digests: dict[tuple[str, str], str] = {}
    for page in truth["pages"]:
        raw = (CORPUS / page["file"]).read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        key = (page["story"], digest)
        if key in digests:
            problems.append(f"{page['file']}: same bytes as {digests[key]}")
        digests[key] = page["file"]
        if page["render"] == "html":
            head = raw[:2048].decode("ascii", errors="replace")
            collector = _TextCollector()
            collector.feed(head)
            declared = (collector.charset or "").lower()
            if declared.replace("utf8", "utf-8") != page["encoding"]:
                problems.append(f"{page['file']}: declares {declared!r}, is {page['encoding']}")
            collector = _TextCollector()
            collector.feed(raw.decode(page["encoding"]))
            collector.close()
            text = squash(" ".join(collector.parts))
        else:
            text = squash(raw.decode(page["encoding"]))
        for part in [page["title"], *page["body"].split("\n\n")]:
            if squash(part) not in text:
                problems.append(f"{page['file']}: text not found on the page: {part[:60]!r}")
    return problems


def main() -> int:
    try:
        truth = build()
    except StoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    for page in truth["pages"]:
        counts[page["outlet"]] = counts.get(page["outlet"], 0) + 1
    problems = verify(truth)
    for problem in problems:
        print(f"check: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{len(truth['pages'])} pages, {len(truth['stories'])} stories -> {CORPUS}")
    for name, n in sorted(counts.items()):
        print(f"  {n:3d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
