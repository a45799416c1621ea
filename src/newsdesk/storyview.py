"""Plain-text report of stories for ``newsdesk stories``: articles, copies, decisions.

Per story: its articles in time order with outlet and title, the near-duplicate
groups ("N outlets carried this text"), provenance (first report, origin, who
copied whom) and recorded merges. With ``explain``, every article's clustering
score and the signals behind it, strongest first, and the guard (link, date, years)
that cut the score, when one did.
"""

from __future__ import annotations

from newsdesk.cluster import THRESHOLD
from newsdesk.dedup import provenance
from newsdesk.model import Story

SIGNALS = ("body", "lead", "title", "entities", "embedding", "near_duplicate", "boilerplate")
HOW = {
    "exact": "exact copy of",
    "near-duplicate": "near copy of",
    "contained": "shares its text with",
    "reuses": "rewrite of",
}


def story_report(
    story: Story, decisions: dict[str, dict], merges: list[dict], explain: bool = False
) -> str:
    """The report of one story (``decisions`` from ``Store.article_decisions``)."""
    prov = provenance(story.articles)
    names = {a.id: f"{a.outlet or 'unknown'}" for a in story.articles}
    lines = [
        f"{story.id}  {story.headline}",
        f"  {len(story.articles)} articles from {len(story.outlets)} outlets"
        f"{'; languages: ' + ', '.join(story.languages) if len(story.languages) > 1 else ''}; "
        f"origin: {prov.origin or 'unknown'}; first: {names.get(prov.earliest, '?')}",
    ]
    for article in sorted(story.articles, key=lambda a: a.when):
        link = prov.link(article.id)
        note = ""
        if link and link.source_id:
            note = f"  [{HOW[link.how]} {names[link.source_id]}"
            note += f", credits {link.credit}]" if link.credit else "]"
        elif link:
            note = f"  [republished from {link.credit}]"
        lines.append(
            f"  - {article.when:%Y-%m-%d %H:%M}  {names[article.id]}: {article.title}{note}"
        )
        if explain:
            lines.append(f"      {_explain(decisions.get(article.id, {}))}")
    for group in prov.groups:
        outlets = sorted({names[i] for i in group})
        lines.append(f"  {len(outlets)} outlets carried this text: {', '.join(outlets)}")
    for merge in merges:
        lines.append(
            f"  merged {merge['merged_id']} into this story when article "
            f"{merge['article_id']} bridged them (score {merge['score']:.3f})"
        )
    return "\n".join(lines)


def _explain(decision: dict) -> str:
    """``score 0.41 (new story): entities 0.52, body 0.44, ...`` for one stored decision."""
    features = decision.get("features") or {}
    signals = sorted(
        ((k, v) for k, v in features.items() if k in SIGNALS), key=lambda kv: kv[1], reverse=True
    )
    parts = ", ".join(f"{k} {v:.3f}" for k, v in signals) or "no open story to compare"
    decay = features.get("time_decay")
    tail = f"; time decay {decay:.2f}" if decay is not None else ""
    score = decision.get("score", 0.0)
    threshold = features.get("threshold", THRESHOLD)  # the one in force at the decision
    verdict = "joined" if score >= threshold else "opened the story; best other"
    guards = "".join(f"; {_GUARDS[k](v)}" for k, v in features.items() if k in _GUARDS)
    if guards:
        guards = f"; score {features.get('unguarded', score):.3f} before guards{guards}"
    return f"{verdict}: score {score:.3f} (threshold {threshold}): {parts}{tail}{guards}"


# The clusterer's guards (``cluster._guards``): what kept an article out of a story.
_GUARDS = {
    "guard_link": lambda v: f"link guard: lead close to none of the story's articles ({v:.3f})",
    "guard_date": lambda v: f"date guard: texts dated {v:.0f} days apart",
    "guard_years": lambda v: f"year guard: the years they mention are {v:.0f} years apart",
}
