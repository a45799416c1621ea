"""Times as a reader scans them: "5 min ago", "3 h ago", "2 days ago", then the date."""

from __future__ import annotations

from datetime import datetime

from newsdesk.model import as_utc, utcnow

MAX_DAYS = 30  # older than this: the date


def ago(value: datetime | None, now: datetime | None = None) -> str:
    """How long before ``now`` (default: the current time) ``value`` was, in a few characters.

    A time in the future (a clock ahead of ours) reads "just now"; older than a month,
    the date itself ("Nov 6, 2026"), since "73 days ago" makes a reader count.
    """
    if value is None:
        return ""
    seconds = ((as_utc(now) if now else utcnow()) - as_utc(value)).total_seconds()
    minutes = int(seconds // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h ago"
    days = hours // 24
    if days <= MAX_DAYS:
        return "yesterday" if days == 1 else f"{days} days ago"
    # the day as the page gave it: an evening date in its own zone stays on its day
    return (value if value.tzinfo else as_utc(value)).strftime("%b %d, %Y").replace(" 0", " ")
