"""Patterns of page furniture: the lines around an article that are not the article.

- share bars (``FacebookXRedditPinterestWhatsApp``, ``Share this``, ``12 comments``);
- boilerplate (skip links, menus, sign-in, cookie notes, ``Advertisement``, tags);
- footers (terms, privacy, sitemap, ``© 2026``);
- teaser markers (``Up next``, ``Related``, ``Most read``) and inline teasers
  (``Read more: …``); comments headers (``Comments``, ``34 responses to …``,
  ``jdoe says:``);
- calls to action (subscribe, donate, follow, send a tip), sign-up forms;
- menu lines (``Log in | Register``), captions and photo credits, the wire caption
  opening (``In this … file photo``), report credits, web addresses on their own.
"""

from __future__ import annotations

import re

from newsdesk.extract.text.line import MATCH_CHARS, Line

FORM = re.compile(
    r"_{4,}|\[\s*_+\s*\]|enter\s+your\s+e-?mail|your\s+e-?mail\s+address|sign\s+me\s+up|"
    r"^\(\s?[*x]?\s?\)\s+\w",
    re.I,
)


_SOCIAL = re.compile(
    r"facebook|twitter|linkedin|reddit|pinterest|whatsapp|telegram|tumblr|messenger|"
    r"flipboard|threads|bluesky|mastodon|instagram|youtube|tiktok|snapchat|e-?mail|sms|"
    r"print|copy\s?link|share|tweet|pocket|comments?(?:\s*\(\d+\))?|x(?=[A-Z]|\s|$)|\bx\b|"
    r"correo|compartir|imprimir|teilen|partager|drucken|imprimer",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share(?:\s+(?:and|&)\s+follow|\s+this(?:\s+(?:article|story|post|page))?|\s+on\s+\w+"
    r"|\s+via\s+\w+|\s+article|\s+story)?|follow\s+us(?:\s+on\s+.*+)?|print(?:\s+this)?"
    r"(?:\s+(?:article|story|page))?|copy\s+link|email\s+this|save(?:\s+article)?|"
    r"\d+\s+(?:comments?|shares?)|comments?(?:\s*\(\d+\))?|listen(?:\s+to\s+this\s+article)?)"
    r"(?:\s*:)?\s*$",  # ``.*+``: what the rest of the line takes, it keeps (linear)
    re.I,
)
BOILER = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?(?:content|navigation|main|search|footer)|jump\s+to\s+\w+|"
    r"toggle\s+navigation|main\s+menu|menu|search|search\s+for:?|close|open\s+menu|"
    r"advertisement|advertisment|sponsored(?:\s+content)?|paid\s+content|story\s+continues\s+"
    r"below(?:\s+advertisement)?|continue\s+reading|subscribe(?:\s+now)?|sign\s+(?:in|up|out)|"
    r"log\s*(?:in|out)|register|newsletter|back\s+to\s+top|scroll\s+to\s+top|loading\.*|"
    r"click\s+here.*|image\s+source.*|photo\s+credit.*|"
    r"accept(?:\s+all)?(?:\s+cookies)?|we\s+use\s+cookies.*|enable\s+javascript.*|"
    r"this\s+(?:web)?site\s+uses\s+cookies.*|reply(?:\s*[|·]\s*report(?:\s+abuse)?)?|"
    r"report\s+abuse|comment\s+policy|(?:ok,?\s+)?got\s+it|you\s+are\s+here:?|breadcrumbs?|tags?:.*|topics?:.*|"
    r"filed\s+under:?.*|categories?:.*|posted\s+in:?.*)$",
    re.I,
)
_FOOTER = re.compile(
    r"terms\s+(?:of\s+(?:use|service)|and\s+conditions|&\s+conditions)|privacy\s+(?:policy|notice)"
    r"|cookie\s+(?:policy|settings|preferences)|sitemap|site\s+map|\bdmca\b|contact\s+us|about\s+us"
    r"|advertise(?:\s+(?:here|with\s+us))?|careers|accessibility|do\s+not\s+sell|\brss\b|donate"
    r"|editorial\s+(?:policy|standards)|corrections|masthead|newsletters?|subscriptions?",
    re.I,
)
MARKER = re.compile(
    r"^(?:up\s+next|next\s+up|related(?:\s+(?:articles?|stories|news|posts|content|coverage|"
    r"topics|reading))?|you\s+(?:may|might)\s+also\s+(?:like|enjoy)|read\s+(?:more|next|also)"
    r"(?:\s+(?:stories|articles|from\s+.*+|about\s+.*+))?|more\s+(?:from|on|in|about|stories|"
    r"news|articles|headlines|like\s+this|to\s+read).*+|recommended(?:\s+(?:for\s+you|stories|"
    r"articles|reading))?|trending(?:\s+(?:now|stories|news|today))?|most\s+(?:read|popular|"
    r"viewed|shared|commented)(?:\s+\w+)?|popular(?:\s+(?:now|stories|posts))?|latest(?:\s+"
    r"(?:news|stories|articles|headlines|posts|updates))?|see\s+also|also\s+read|don'?t\s+miss|"
    r"editor'?s\s+picks?|top\s+stories|in\s+other\s+news|around\s+the\s+web|from\s+around\s+the"
    r"\s+web|promoted\s+stories|watch\s+next|what\s+to\s+read\s+next|further\s+reading|"
    r"more\s+coverage|recent\s+posts|you\s+might\s+have\s+missed|previous\s+(?:article|post)|"
    r"next\s+(?:article|post|story)|other\s+stories)(?:\s*:)?\s*$",
    re.I,
)
INLINE_TEASER = re.compile(
    r"^(?:read\s+(?:more|also|next)|related|see\s+also|also\s+read|more|watch|listen|"
    r"recommended|trending|up\s+next)\s*[:|–—>»-]\s*\S",
    re.I,
)
COMMENTS = re.compile(
    r"^(?:(?:reader|user|readers'?)\s+)?(?:comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave\s+a\s+(?:reply|comment)|"
    r"join\s+the\s+(?:conversation|discussion)|add\s+a\s+comment|post\s+a\s+comment|"
    r"reader\s+comments|discussion)(?:\s*:)?\s*$",
    re.I,
)


COMMENTS_HEAD = re.compile(
    r"^(?:\d+|one|two|three)\s+(?:responses?|comments?|replies|thoughts)\s+(?:to|on)\s+\S"
    r"|^\S[^.!?]{0,60}(?<=\S)\s+says:$",
    re.I,
)
"""``34 responses to “Headline”``, ``jdoe says:``: the comments begin."""


PROMO = re.compile(
    r"\bsubscribe\b|\bnewsletter|\bsign\s+up\b|\bfree\s+articles?\b|"
    r"\bsupport\s+(?:local|independent|our)\s+(?:news|journalism|newsroom|reporting)|"
    r"\bdonate\s+(?:today|now)|become\s+a\s+(?:member|subscriber)|\bdownload\s+(?:our|the)\s+app|"
    r"\bpaywall|\blog\s+in\s+to\b|create\s+a\s+free\s+account|\bunsubscribe\b|"
    r"\bfollow\s+(?:\w+\s+){1,4}?on\s+(?:twitter|facebook|instagram)|\benable\s+javascript|"
    r"\bhave\s+a\s+(?:news\s+)?tip\b|\bmay\s+be\s+reached\s+at\b|\bget\s+access\s+to\b|"
    r"\bdelivered\s+(?:to|through)\s+your\s+(?:inbox|letterbox|door)|"
    r"\blisten\s+to\s+(?:\w+\s+){1,4}?live\b|\bjoin\s+our\s+\w+\s+(?:forums?|community)",
    re.I,
)
"""Calls to action around an article: subscribe, donate, follow, send a tip, join. The verbs
only: a paragraph about subscriptions or subscribers is the text (prices, plans, audiences)."""


_MENU_SEP = re.compile(r"(?<!\s)\s+(?:[|·•»›>/]|::)\s+")  # tried from a run's start only


CAPTION = re.compile(
    r"(?:^|[.)]\s+|\s[|/]\s*|\()(?:photo(?:graph)?|image|picture|foto|illustration|video|"
    r"file\s+photo|credit)s?\s*(?:by\b|:|/)|\b(?:getty\s+images|shutterstock|"
    r"(?:AP|AFP|Reuters|EPA)\s+photo)\b",
    re.I,
)


CAPTION_OPENING = re.compile(
    r"^in\s+this\s+(?:[\w.,'’-]+\s+){0,8}?(?:file\s+)?(?:photo|image|picture|frame\s+grab)\b",
    re.I,
)
"""The wire services' caption opening: ``In this Nov. 19, 2019, file photo, …``."""


PHOTO_CREDIT = re.compile(
    r"^(?:(?:photo(?:graph)?|image|picture|credit)s?\s*(?:by\b|:|/)|courtesy\b)"
    r"|\b(?:getty\s+images|shutterstock)$",
    re.I,
)
"""A photo credit on a line of its own: ``Photo: Jane Doe, AP``, ``Jane Doe | Getty Images``."""


CREDIT = re.compile(
    r"contributed\s+(?:to\s+this\s+(?:report|story|article)|reporting)|"
    r"^(?:with\s+)?(?:additional\s+)?reporting\s+(?:from|by)\b|"
    r"^information\s+from\s+.{2,60}\s+was\s+used\s+in\s+this\s+(?:report|story|article)",
    re.I,
)


URL_LINE = re.compile(r"^(?:https?://|www\.)\S*(?:\s+[^\s/%=&?#.]*[/%=&?#.]\S*)*$", re.I)
"""A web address alone on a line (an embed's source, wrapped or not): each further piece holds
one of ``/%=&?#.``, the first of them matched at one place only (no backtracking that grows
exponentially with the pieces)."""


def is_menu_line(text: str) -> bool:
    """``Log in | Register | Subscribe``, ``Home » World » Europe``: short items in a row."""
    parts = _MENU_SEP.split(text)
    return len(parts) >= 2 and all(0 < len(p.split()) <= 4 for p in parts) and len(text) < 200


def is_share_line(text: str) -> bool:
    """``FacebookXRedditPinterestWhatsApp``, ``Share and Follow``, ``Share this``."""
    if _SHARE.match(text):
        return True
    if len(text) > 120 or not _SOCIAL.match(text):
        return False
    rest = _SOCIAL.sub("", text)
    removed = len(text) - len(rest)
    rest = re.sub(r"[\s|/,·•:;()\-–—]+", "", rest)
    return removed >= 4 and not rest and bool(re.search(r"[a-z]{4}", text, re.I))


def is_footer_line(line: Line) -> bool:
    text = line.text
    if line.words <= 10 and _FOOTER.search(text[:MATCH_CHARS]):
        return True
    return bool(re.match(r"^(?:©|\(c\)\s|copyright\b)", text, re.I)) and line.words <= 25
