"""Page templates for the demo corpus: one per fictional outlet.

Every template is a function ``(version, ctx) -> str`` that returns the whole
page as text.  ``version`` is one entry of a story's ``versions`` list (see
README.md) with ``published`` already parsed into an aware datetime; ``ctx``
holds the story dict and a stable key used to pick teasers deterministically.

Only the standard library is used: pages are built from strings, every piece
of story text goes through ``html.escape``.  The outlets, people, places and
headlines here are all invented for the demo.
"""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from html import escape
from typing import Any

# Norland local time, used by outlets that print or mark up local times.
NORLAND_TZ = timezone(timedelta(hours=1))

WIRE_CREDIT = (
    "Copyright 2026 Northwind Wire. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed without permission."
)


def e(text: str) -> str:
    return escape(text, quote=True)


def pick(pool: list, key: str, n: int) -> list:
    """``n`` items of ``pool`` chosen and ordered by a hash of ``key``: stable across runs."""

    def rank(item: Any) -> str:
        return hashlib.sha256(f"{key}|{item!r}".encode()).hexdigest()

    return sorted(pool, key=rank)[:n]


def ld_json(obj: dict) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    return text.replace("</", "<\\/")


def strip_dateline(paragraph: str) -> str:
    """The first paragraph without its ``CITY (Agency) —`` lead, for descriptions."""
    return re.sub(r"^[A-ZÁÉÍÓÚÑ ,.'’-]{3,60}(\([^)]*\))?\s*[—–-]\s*", "", paragraph)


def description(version: dict, limit: int = 160) -> str:
    text = strip_dateline(version["paragraphs"][0])
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def section_path(section: str) -> str:
    return "/" + slugify(section) + "/"


def month_day_year(dt: datetime) -> str:
    return f"{dt:%B} {dt.day}, {dt.year}"


def clock_12h(dt: datetime, style: str = "ap") -> str:
    hour = dt.hour % 12 or 12
    if style == "ap":
        suffix = "a.m." if dt.hour < 12 else "p.m."
    elif style == "lower":
        suffix = "am" if dt.hour < 12 else "pm"
    else:
        suffix = "AM" if dt.hour < 12 else "PM"
    return f"{hour}:{dt.minute:02d} {suffix}"


AP_MONTHS = {
    1: "Jan.",
    2: "Feb.",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "Aug.",
    9: "Sept.",
    10: "Oct.",
    11: "Nov.",
    12: "Dec.",
}

ES_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
ES_DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]


# --------------------------------------------------------------------------------------------
# Teasers: invented headlines used by "related", "most read" and "you may also like" furniture.
# (section, plain headline, rewritten headline, snippet)
# --------------------------------------------------------------------------------------------

TEASERS: list[tuple[str, str, str, str]] = [
    (
        "Local News",
        "Kellan Falls library reopens after roof repair",
        "Kellan Falls Library Finally Reopens Its Doors After Months-Long Roof Saga",
        "KELLAN FALLS – The main branch of the Kellan Falls Public Library welcomed readers",
    ),
    (
        "Crime",
        "Two charged after break-ins at Quayside marina",
        "Quayside Marina Break-Ins: Two Suspects Face Charges After Week of Thefts",
        "HARBOR CITY – Police have charged two men in connection with a string of",
    ),
    (
        "Business",
        "Orrin Rail posts third-quarter profit as freight volumes recover",
        "Orrin Rail Bounces Back: Freight Rebound Drives Surprise Quarterly Profit",
        "PORT AVERY – Orrin Rail reported a third-quarter profit on Thursday, helped by",
    ),
    (
        "Health",
        "Westmark hospitals extend flu-season visiting limits",
        "Flu Season Alert: Westmark Hospitals Tighten Visiting Rules Again",
        "Hospitals across Westmark Province will keep limits on visitors through",
    ),
    (
        "Entertainment",
        "Port Avery film festival names opening-night picture",
        "Port Avery Film Festival Reveals Its Opening-Night Pick – And Fans Are Thrilled",
        "PORT AVERY – Organizers of the Port Avery International Film Festival said the",
    ),
    (
        "Sports",
        "Lakeshore Mariners sign veteran goalkeeper to one-year deal",
        "Mariners Land Veteran Goalkeeper in Last-Minute One-Year Deal",
        "LAKESHORE – The Lakeshore Mariners have signed goalkeeper Pavel Dunmore to",
    ),
    (
        "Local News",
        "Cedar Hollow residents push back on warehouse rezoning",
        "Cedar Hollow Neighbors Rally Against Plan to Rezone Farmland for Warehouses",
        "CEDAR HOLLOW – More than 200 residents packed a township hearing on",
    ),
    (
        "Finance",
        "Norland central bank holds key rate at 3.25%",
        "What the Central Bank’s Latest Rate Decision Means for Your Mortgage",
        "PORT AVERY – The Bank of Norland left its benchmark interest rate unchanged",
    ),
    (
        "Crime",
        "Jury selection begins in Millbrook fraud trial",
        "Millbrook Fraud Trial Kicks Off as Jury Selection Gets Underway",
        "MILLBROOK – Jury selection began on Monday in the trial of a former",
    ),
    (
        "World",
        "Ferries suspended as storm lashes the Tessaly coast",
        "Storm Batters Tessaly Coast, Leaving Ferry Passengers Stranded",
        "Ferry operators along the Tessaly coast suspended all sailings as gale-force",
    ),
    (
        "Health",
        "New clinic brings dental care to rural Ostvale",
        "Rural Ostvale Finally Gets Its Own Dental Clinic After Years of Waiting",
        "OSTVALE – A new community dental clinic opened in the village of",
    ),
    (
        "Local News",
        "Harbor City council delays vote on parking fees",
        "Harbor City Council Punts on Controversial Parking Fee Hike – Again",
        "HARBOR CITY – The city council on Tuesday postponed a vote on a proposal",
    ),
    (
        "Business",
        "Grayson Outfitters to close 12 stores by spring",
        "Grayson Outfitters Shutting a Dozen Stores: Is Yours on the List?",
        "Grayson Outfitters said on Wednesday it would close 12 of its stores",
    ),
    (
        "Entertainment",
        "Singer Odile Marchetti announces farewell tour",
        "Odile Marchetti Announces Farewell Tour – Tickets Go on Sale Friday",
        "Singer-songwriter Odile Marchetti will play her final concerts next",
    ),
    (
        "Sports",
        "Port Avery marathon sets course record in cold rain",
        "Record Falls at Rain-Soaked Port Avery Marathon",
        "PORT AVERY – Runners braved cold rain on Sunday as the men’s course record",
    ),
    (
        "Politics",
        "Opposition unveils alternative budget plan",
        "Opposition Fires Back With Its Own Budget: Here’s What’s Inside",
        "PORT AVERY – Norland’s main opposition party on Thursday released a",
    ),
    (
        "Local News",
        "School board approves later start times for high schools",
        "Later Bell: School Board Votes to Push Back High School Start Times",
        "The Westmark Unified School Board voted 5-2 on Monday night to move",
    ),
    (
        "Finance",
        "Pension fund trims stake in regional utilities",
        "Why Norland’s Biggest Pension Fund Is Quietly Selling Utility Shares",
        "The Norland Public Pension Fund reduced its holdings in three regional",
    ),
    (
        "Crime",
        "Stolen tractor recovered 200 km from farm",
        "Stolen Tractor Found Hundreds of Kilometers Away in Bizarre Theft Case",
        "A tractor reported stolen from a farm near Dunmere last month was found",
    ),
    (
        "World",
        "Talks on Serran border crossing resume after six-month pause",
        "Serran Border Talks Back On After Half-Year Standoff",
        "Negotiators from both sides of the Serran border met again on Tuesday",
    ),
    (
        "Science/Tech",
        "University team unveils low-cost water sensor",
        "This Cheap New Sensor Could Change How Cities Test Their Water",
        "Engineers at the University of Port Avery have built a water-quality",
    ),
    (
        "Entertainment",
        "Harbor City symphony names new music director",
        "Harbor City Symphony Taps Rising Star as Its Next Music Director",
        "HARBOR CITY – The Harbor City Symphony Orchestra has named conductor",
    ),
    (
        "Local News",
        "Volunteers plant 3,000 trees along Mill Creek",
        "3,000 Trees in One Weekend: Volunteers Transform Mill Creek Banks",
        "Hundreds of volunteers turned out on Saturday to plant native trees along",
    ),
    (
        "Sports",
        "Comets guard out four weeks with ankle sprain",
        "Blow for Comets as Star Guard Sidelined for a Month",
        "PORT AVERY – The Port Avery Comets will be without their leading",
    ),
    (
        "Health",
        "Pharmacies report shortage of children’s cough syrup",
        "Parents Scramble as Pharmacies Run Low on Children’s Cough Syrup",
        "Pharmacists across Norland say supplies of several children’s cough",
    ),
    (
        "Business",
        "Coffee chain Bramble & Bean plans 40 new cafés",
        "Bramble & Bean Is Opening 40 New Cafés – Here’s Where",
        "The coffee chain Bramble & Bean said it would open 40 new cafés over",
    ),
    (
        "Politics",
        "Senator Hale says she will not seek re-election",
        "Senator Hale Stuns Colleagues: ‘I Will Not Run Again’",
        "PORT AVERY – Senator Corinne Hale announced on Friday that she would not",
    ),
    (
        "Local News",
        "Ice rink at Quayside Park to open early",
        "Quayside Park Ice Rink Opening Early This Year – Mark Your Calendars",
        "HARBOR CITY – Skaters will get an early start this winter as the",
    ),
]

TEASERS_ES: list[tuple[str, str]] = [
    ("Sociedad", "Las lluvias obligan a cerrar tres escuelas en el valle de Orbe"),
    ("Economía", "El precio del pan sube por tercer mes consecutivo"),
    ("Internacional", "Se reanudan las conversaciones sobre el paso fronterizo de Serra"),
    ("Cultura", "El festival de cine de Port Avery anuncia su película inaugural"),
    ("Deportes", "Los Delfines de Costa Brava ganan el clásico regional"),
    ("Nacional", "El Congreso debatirá la reforma del transporte público"),
    ("Sociedad", "Voluntarios plantan 3.000 árboles a orillas del río Mill"),
    ("Economía", "La cadena Bramble & Bean abrirá 40 cafeterías nuevas"),
    ("Internacional", "Suspendidos los ferris por el temporal en la costa de Tesalia"),
    ("Cultura", "La cantante Odile Marchetti anuncia su gira de despedida"),
]

VALLEY_COMMENTS: list[tuple[str, str]] = [
    (
        "KellanDad62",
        "Heard about this at the co-op this morning. I'll believe it when I see it. "
        "These announcements always sound great on paper.",
    ),
    (
        "marge_w",
        "Thank you to the Ledger for actually covering this. The big papers in Port Avery "
        "never mention the valley unless something goes wrong.",
    ),
    (
        "TruthSeeker_2020",
        "Follow the money. Somebody is getting rich off this and it isn't us.",
    ),
    (
        "OldMillRoad",
        "My family has been here four generations. We've seen plenty of promises. "
        "Hoping this one is different but not holding my breath.",
    ),
    (
        "Jen K.",
        "Does anyone know if there will be a public meeting about this? "
        "I'd like to ask some questions in person.",
    ),
    (
        "ValleyVoter",
        "Good. About time somebody did something. Now let's see the details.",
    ),
    (
        "R. Halvorsen",
        "The comments section on this paper is always the same five people complaining. "
        "Read the article, it explains it pretty well.",
    ),
    (
        "bigsky_farmer",
        "Reply to OldMillRoad: agreed. Call your assembly member, that's the only thing "
        "that ever works.",
    ),
    (
        "Deb from Dunmere",
        "Sharing this with my sister in Harbor City. She was asking about it last week.",
    ),
]


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    domain: str
    encoding: str  # how the page bytes are written
    extension: str  # "html" or "txt"
    template: Any  # Callable[[dict, dict], str]


CATEGORY_CAPTIONS = {
    "News": "A scene from the day's events",
    "Local News": "A street in Harbor City",
    "Business": "Shoppers in a Port Avery supermarket",
    "Health": "A nurse prepares a vaccination",
    "Finance": "Traders on the Port Avery Exchange floor",
    "Entertainment": "Audience members before a performance",
    "Crime": "Police tape at a scene",
    "Politics": "The Norland National Assembly building in Port Avery",
    "World": "A view of the affected area",
    "Science/Tech": "A technician at work in a laboratory",
    "Sports": "Fans in the stands",
}


def image_caption(v: dict, ctx: dict) -> str:
    return v.get("image_caption") or CATEGORY_CAPTIONS.get(ctx["category"], "File photo")


def author_slug(author: str | None) -> str:
    return slugify(author or "staff")


# ============================================================================================
# 1. Harbor City Tribune: semantic HTML5, JSON-LD, OpenGraph
# ============================================================================================


def harbor_city_tribune(v: dict, ctx: dict) -> str:
    local = v["published"].astimezone(NORLAND_TZ)
    iso_local = local.isoformat()
    printed = f"{AP_MONTHS[local.month]} {local.day}, {local.year} at {clock_12h(local)}"
    author = v["author"]
    related = pick(TEASERS, ctx["key"] + "hct", 4)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": v["title"],
        "datePublished": iso_local,
        "dateModified": iso_local,
        "mainEntityOfPage": v["url"],
        "articleSection": v["section"],
        "inLanguage": v["language"],
        "image": [f"https://harborcitytribune.example/img/2026/11/{v['slug']}-1200x800.jpg"],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": "Harbor City Tribune",
            "logo": {
                "@type": "ImageObject",
                "url": "https://harborcitytribune.example/static/logo-600x60.png",
            },
        },
    }
    if author:
        ld["author"] = [
            {
                "@type": "Person",
                "name": author,
                "url": f"https://harborcitytribune.example/staff/{author_slug(author)}/",
            }
        ]
    if v["subtitle"]:
        ld["alternativeHeadline"] = v["subtitle"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(v['title'])} | Harbor City Tribune</title>",
        f'<meta name="description" content="{e(description(v))}">',
        f'<link rel="canonical" href="{e(v["url"])}">',
        '<meta property="og:type" content="article">',
        '<meta property="og:site_name" content="Harbor City Tribune">',
        f'<meta property="og:title" content="{e(v["title"])}">',
        f'<meta property="og:description" content="{e(description(v))}">',
        f'<meta property="og:url" content="{e(v["url"])}">',
        '<meta property="og:image" content="https://harborcitytribune.example/img/2026/11/'
        f'{e(v["slug"])}-1200x800.jpg">',
        f'<meta property="article:published_time" content="{iso_local}">',
        f'<meta property="article:section" content="{e(v["section"])}">',
        '<meta name="twitter:card" content="summary_large_image">',
        '<meta name="twitter:site" content="@HarborCityTrib">',
        '<link rel="stylesheet" href="/static/css/tribune.4f1c2a.css">',
        '<script type="application/ld+json">',
        ld_json(ld),
        "</script>",
        "</head>",
        '<body class="template-article">',
        '<a class="skip-link" href="#main">Skip to main content</a>',
        '<header class="site-header">',
        '  <div class="masthead">',
        '    <a class="logo" href="/">Harbor City Tribune</a>',
        '    <p class="tagline">Serving the Tamsin waterfront since 1871</p>',
        "  </div>",
        '  <nav class="primary-nav" aria-label="Sections">',
        "    <ul>",
    ]
    for label in [
        "News",
        "Local",
        "Politics",
        "Business",
        "World",
        "Science",
        "Health",
        "Sports",
        "Arts",
        "Opinion",
    ]:
        out.append(f'      <li><a href="/{label.lower()}/">{label}</a></li>')
    out += [
        "    </ul>",
        "  </nav>",
        '  <div class="account">',
        '    <a class="subscribe" href="/subscribe/?ref=header">Subscribe</a>',
        '    <a href="/account/login/">Sign in</a>',
        "  </div>",
        "</header>",
        '<main id="main">',
        '<article class="story">',
        '  <header class="story-header">',
        f'    <p class="kicker"><a href="{section_path(v["section"])}">{e(v["section"])}</a></p>',
        f"    <h1>{e(v['title'])}</h1>",
    ]
    if v["subtitle"]:
        out.append(f'    <p class="dek">{e(v["subtitle"])}</p>')
    out.append('    <div class="story-meta">')
    if author:
        affil = ""
        if v["kind"] == "copy":
            affil = ' <span class="affiliation">Northwind Wire</span>'
        out.append(
            f'      <p class="byline">By <a rel="author" href="/staff/{author_slug(author)}/">'
            f"{e(author)}</a>{affil}</p>"
        )
    out += [
        f'      <p class="timestamp">Published <time datetime="{iso_local}">{printed}</time></p>',
        "    </div>",
        "  </header>",
        '  <figure class="lead-art">',
        f'    <img src="/img/2026/11/{e(v["slug"])}-960x640.jpg" width="960" height="640"'
        f' alt="{e(image_caption(v, ctx))}" loading="eager">',
        f"    <figcaption>{e(image_caption(v, ctx))}. "
        '<span class="credit">Photo: Harbor City Tribune file</span></figcaption>',
        "  </figure>",
        '  <div class="story-body">',
    ]
    for p in v["paragraphs"]:
        out.append(f"    <p>{e(p)}</p>")
    out.append("  </div>")
    if v["rights"]:
        out.append(f'  <p class="rights">{e(v["rights"])}</p>')
    out += [
        '  <footer class="story-footer">',
        '    <ul class="share" aria-label="Share this story">',
        f'      <li><a href="https://facebook.example/share?u={e(v["url"])}">Facebook</a></li>',
        f'      <li><a href="https://x.example/intent/post?url={e(v["url"])}">X</a></li>',
        '      <li><a href="mailto:?subject=From%20the%20Tribune">Email</a></li>',
        "    </ul>",
        '    <p class="corrections">Spotted an error? '
        '<a href="/corrections/">Tell our standards desk</a>.</p>',
        "  </footer>",
        "</article>",
        '<aside class="related" aria-labelledby="related-heading">',
        '  <h2 id="related-heading">Related stories</h2>',
        "  <ul>",
    ]
    for section, title, _rw, snippet in related:
        out += [
            "    <li>",
            f'      <a href="/{slugify(section)}/{slugify(title)}/">{e(title)}</a>',
            f"      <p>{e(snippet)}…</p>",
            "    </li>",
        ]
    out += [
        "  </ul>",
        "</aside>",
        '<section class="newsletter-signup">',
        "  <h2>The Morning Tide</h2>",
        "  <p>The Harbor City stories you need to start the day, in your inbox by 6 a.m.</p>",
        '  <form action="/newsletters/subscribe" method="post">',
        '    <label for="nl-email">Email address</label>',
        '    <input id="nl-email" type="email" name="email" placeholder="you@example.com">',
        '    <button type="submit">Sign up</button>',
        "  </form>",
        "</section>",
        "</main>",
        '<footer class="site-footer">',
        '  <nav aria-label="Footer">',
        '    <a href="/about/">About the Tribune</a> <a href="/contact/">Contact</a>',
        '    <a href="/ethics/">Ethics policy</a> <a href="/privacy/">Privacy</a>',
        '    <a href="/terms/">Terms of use</a> <a href="/careers/">Careers</a>',
        "  </nav>",
        "  <p>&copy; 2026 Harbor City Tribune Media Co. 40 Quayside Boulevard, Harbor City.</p>",
        "</footer>",
        '<script src="/static/js/tribune.9b2e77.js" defer></script>',
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# ============================================================================================
# 2. The Valley Ledger: div soup, sidebars, ads, comments, cookie banner
# ============================================================================================


def valley_ledger(v: dict, ctx: dict) -> str:
    local = v["published"].astimezone(NORLAND_TZ)
    teasers = pick(TEASERS, ctx["key"] + "vl", 10)
    comments = pick(VALLEY_COMMENTS, ctx["key"] + "vlc", 5)
    author = v["author"]
    out = [
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
        '"http://www.w3.org/TR/html4/loose.dtd">',
        "<html>",
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        f"<title>The Valley Ledger - {e(v['title'])}</title>",
    ]
    if author:
        out.append(f'<meta name="author" content="{e(author)}">')
    out += [
        f'<meta name="date" content="{local:%Y-%m-%d}">',
        f'<meta name="keywords" content="Kellan Valley, news, Valley Ledger, {e(v["section"])}">',
        '<link rel="stylesheet" type="text/css" href="/css/ledger_main.css?v=20190412">',
        '<script type="text/javascript" src="/js/jquery-1.8.3.min.js"></script>',
        '<script type="text/javascript">',
        "var ledger_ads = ledger_ads || [];",
        "ledger_ads.push({zone: 'story', section: '" + slugify(v["section"]) + "'});",
        "function ledgerPrint(){ window.print(); return false; }",
        "</script>",
        "</head>",
        "<body>",
        '<div id="cookie-bar" class="cookiebar">This website uses cookies to improve your '
        'experience. By continuing you agree to our <a href="/privacy.php">cookie policy</a>. '
        '<a href="#" class="cookie-ok" onclick="return hideCookieBar();">OK, got it</a></div>',
        '<div id="wrapper">',
        '<div id="topbar">',
        f'  <div class="today">{local:%A}, {month_day_year(local)}</div>',
        '  <div class="weather">Kellan Falls: 7&deg;C Cloudy</div>',
        '  <div class="login"><a href="/login.php">Log in</a> | '
        '<a href="/register.php">Register</a> | <a href="/subscribe.php">Subscribe</a></div>',
        "</div>",
        '<div id="header">',
        '  <div class="logo"><a href="/"><img src="/images/ledger_logo.gif" '
        'alt="The Valley Ledger" width="420" height="80" border="0"></a></div>',
        '  <div class="ad ad-728x90" id="ad-leaderboard">ADVERTISEMENT</div>',
        "</div>",
        '<div id="menu"><ul class="menu">',
    ]
    for label, href in [
        ("Home", "/"),
        ("News", "/news/"),
        ("Farm &amp; Ranch", "/farm/"),
        ("Business", "/business/"),
        ("Sports", "/sports/"),
        ("Obituaries", "/obits/"),
        ("Opinion", "/opinion/"),
        ("Classifieds", "/classifieds/"),
        ("Contact Us", "/contact.php"),
    ]:
        out.append(f'<li><a href="{href}">{label}</a></li>')
    out += [
        "</ul></div>",
        '<div id="content">',
        '<div class="col-left">',
        '  <div class="box">',
        '    <div class="boxtitle">Most Read</div>',
        '    <ol class="mostread">',
    ]
    for _s, title, _rw, _sn in teasers[:5]:
        out.append(f'      <li><a href="/news/{slugify(title)}.html">{e(title)}</a></li>')
    out += [
        "    </ol>",
        "  </div>",
        '  <div class="box">',
        '    <div class="boxtitle">Grain Prices</div>',
        '    <table class="prices"><tr><td>Wheat</td><td>$6.12</td></tr>'
        "<tr><td>Barley</td><td>$4.87</td></tr><tr><td>Canola</td><td>$12.40</td></tr></table>",
        "  </div>",
        "</div>",
        '<div class="col-main">',
        f'  <div class="crumbs"><a href="/">Home</a> &raquo; '
        f'<a href="{section_path(v["section"])}">{e(v["section"])}</a></div>',
        f'  <h2 class="storyhead">{e(v["title"])}</h2>',
    ]
    if v["subtitle"]:
        out.append(f'  <div class="subhead">{e(v["subtitle"])}</div>')
    if author:
        role = "Ledger Staff Writer" if v["kind"] != "copy" else "Northwind Wire"
        out.append(f'  <div class="byline">By <b>{e(author)}</b><br>{role}</div>')
    out += [
        f'  <div class="posted">Posted: {local:%A}, {month_day_year(local)} '
        f"{clock_12h(local, 'lower')}</div>",
        '  <div class="tools"><a href="#" onclick="return ledgerPrint();">Print</a> | '
        '<a href="/email.php">Email</a> | <a href="#comments">Comments (5)</a></div>',
        '  <div class="storytext">',
    ]
    for i, p in enumerate(v["paragraphs"]):
        out.append(f"    <p>{e(p)}</p>")
        if i == 1:
            out.append(
                '    <div class="ad ad-300x250" id="ad-instory">ADVERTISEMENT'
                '<br><a href="/ads/click.php?id=4411"><img src="/ads/valley_ford_300x250.gif" '
                'width="300" height="250" alt="Valley Ford - Truck Month"></a></div>'
            )
    out.append("  </div>")
    if v["rights"]:
        out.append(f'  <div class="copyright">{e(v["rights"])}</div>')
    out += [
        '  <div id="comments">',
        f"    <h3>Reader Comments ({len(comments)})</h3>",
        '    <p class="rules">Comments are the opinions of readers, not The Valley Ledger. '
        'Keep it civil. <a href="/comment-policy.php">Comment policy</a></p>',
    ]
    for n, (name, text) in enumerate(comments):
        when = local + timedelta(minutes=37 * (n + 1) + 11 * n * n)
        out += [
            '    <div class="comment">',
            f'      <div class="comment-author">{e(name)}</div>',
            f'      <div class="comment-date">{month_day_year(when)} '
            f"{clock_12h(when, 'lower')}</div>",
            f'      <div class="comment-body"><p>{e(text)}</p></div>',
            '      <div class="comment-tools"><a href="#">Reply</a> | '
            '<a href="#">Report abuse</a></div>',
            "    </div>",
        ]
    out += [
        '    <div class="comment-form"><b>Post a comment</b><br>'
        '<textarea name="comment" rows="5" cols="60"></textarea><br>'
        '<input type="submit" value="Submit comment"></div>',
        "  </div>",
        "</div>",
        '<div class="col-right">',
        '  <div class="ad ad-160x600" id="ad-skyscraper">ADVERTISEMENT</div>',
        '  <div class="box">',
        '    <div class="boxtitle">Most Read This Week</div>',
        '    <ul class="mostread">',
    ]
    for _s, title, _rw, _sn in teasers[5:]:
        out.append(f'      <li><a href="/news/{slugify(title)}.html">{e(title)}</a></li>')
    out += [
        "    </ul>",
        "  </div>",
        '  <div class="box">',
        '    <div class="boxtitle">Obituaries</div>',
        '    <ul><li><a href="/obits/">Harold J. Penner, 88</a></li>'
        '<li><a href="/obits/">Margit A. Sorensen, 79</a></li>'
        '<li><a href="/obits/">Walter "Buzz" Kimball, 91</a></li></ul>',
        "  </div>",
        "</div>",
        "</div>",
        '<div id="footer">',
        '  <a href="/about.php">About Us</a> | <a href="/advertise.php">Advertise</a> | '
        '<a href="/privacy.php">Privacy Policy</a> | <a href="/terms.php">Terms of Use</a>',
        "  <br>&copy; 1998-2026 The Valley Ledger, 112 Main Street, Kellan Falls. "
        "All rights reserved.",
        "</div>",
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# ============================================================================================
# 3. Northwind Wire: a clean wire-service page
# ============================================================================================


def northwind_wire(v: dict, ctx: dict) -> str:
    pub = v["published"].astimezone(UTC)
    iso = pub.strftime("%Y-%m-%dT%H:%M:%SZ")
    more = pick(TEASERS, ctx["key"] + "nw", 5)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": v["title"],
        "datePublished": iso,
        "dateModified": iso,
        "url": v["url"],
        "articleSection": v["section"],
        "publisher": {"@type": "Organization", "name": "Northwind Wire"},
        "copyrightHolder": {"@type": "Organization", "name": "Northwind Wire"},
    }
    if v["author"]:
        ld["author"] = {"@type": "Person", "name": v["author"]}
    if v["dateline"]:
        ld["dateline"] = v["dateline"]
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(v['title'])} | Northwind Wire</title>",
        f'<link rel="canonical" href="{e(v["url"])}">',
        f'<meta name="description" content="{e(description(v))}">',
        f'<meta property="og:title" content="{e(v["title"])}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{e(v["url"])}">',
        '<meta property="og:site_name" content="Northwind Wire">',
        '<script type="application/ld+json">',
        ld_json(ld),
        "</script>",
        '<link rel="stylesheet" href="/assets/nw.css">',
        "</head>",
        "<body>",
        '<div class="nw-top">',
        '  <a class="nw-logo" href="/">NORTHWIND WIRE</a>',
        '  <nav class="nw-nav">',
        '    <a href="/hub/top-news">Top News</a> <a href="/hub/world">World</a> '
        '<a href="/hub/politics">Politics</a> <a href="/hub/business">Business</a> '
        '<a href="/hub/science">Science</a> <a href="/hub/health">Health</a> '
        '<a href="/hub/sports">Sports</a>',
        "  </nav>",
        "</div>",
        '<main class="nw-main">',
        '<div class="nw-story">',
        f'  <div class="nw-section">{e(v["section"])}</div>',
        f'  <h1 class="nw-headline">{e(v["title"])}</h1>',
        '  <div class="nw-meta">',
    ]
    if v["author"]:
        out.append(f'    <span class="nw-byline">By {e(v["author"].upper())}</span>')
    out += [
        f'    <span class="nw-date" data-ts="{iso}">Published {clock_12h(pub, "upper")} UTC, '
        f"{month_day_year(pub)}</span>",
        "  </div>",
        '  <div class="nw-body">',
    ]
    for p in v["paragraphs"]:
        out.append(f"    <p>{e(p)}</p>")
    out.append("  </div>")
    if v["rights"]:
        out.append(f'  <p class="nw-copyright">{e(v["rights"])}</p>')
    out += [
        "</div>",
        '<section class="nw-more">',
        "  <h2>More from Northwind Wire</h2>",
        "  <ul>",
    ]
    for _s, title, _rw, _sn in more:
        out.append(f'    <li><a href="/article/{slugify(title)}">{e(title)}</a></li>')
    out += [
        "  </ul>",
        "</section>",
        "</main>",
        '<footer class="nw-footer">',
        '  <a href="/about">About Northwind Wire</a> · <a href="/licensing">Content licensing</a>'
        ' · <a href="/terms">Terms</a> · <a href="/privacy">Privacy</a>',
        "  <p>&copy; 2026 Northwind Wire</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# ============================================================================================
# 4. Metro Daily Post: text render of a republisher page (rewritten headlines)
# ============================================================================================

METRO_MENU = [
    "Home",
    "News",
    "Local News",
    "Business",
    "Health",
    "Finance",
    "Entertainment",
    "Crime",
    "World",
    "Sports",
    "Advertise With Us",
]
METRO_PROMOS = [
    "Brightvale Home Solar – Get Your Free Quote",
    "Northstar Mattress Sale – 40% Off This Week",
    "Try PureLeaf Water Filters Risk-Free",
]


def metro_daily_post(v: dict, ctx: dict) -> str:
    pub = v["published"].astimezone(UTC)
    up_next = pick(TEASERS, ctx["key"] + "mdp-next", 1)[0]
    also = pick(TEASERS, ctx["key"] + "mdp-also", 8)
    promo = pick(METRO_PROMOS, ctx["key"] + "promo", 1)[0]
    menu = ["Metro Daily Post"] + [f"  • {m}" for m in METRO_MENU]
    out = menu + [promo] + menu
    out += [
        f"Home {v['section']} {v['title']}",
        "",
        v["title"],
        "",
    ]
    if v["subtitle"]:
        out += [v["subtitle"], ""]
    out += [
        "Up next",
        up_next[1],
        up_next[2],
        f"Published on {pub.day:02d} {pub:%B %Y}",
        "Author",
        v["author"] or "Metro Daily Post Staff",
        "Share and Follow",
        "FacebookXRedditPinterestWhatsApp",
        "",
        "",
    ]
    for p in v["paragraphs"]:
        out += [p, ""]
    if v["rights"]:
        out += [v["rights"], ""]
    out += ["Share and Follow", "FacebookXRedditPinterestWhatsApp", "You May Also Like"]
    for n, (section, title, rewritten, snippet) in enumerate(also):
        day = pub - timedelta(days=n % 3)
        out += [
            title,
            f"  • {section}",
            "",
            rewritten,
            "",
            f"{snippet}…",
            "  • Metro Daily Post Staff",
            f"  • {month_day_year(day)}",
        ]
    out += [
        "Metro Daily Post",
        "  • Home",
        "  • About Us",
        "  • Terms of Use",
        "  • Privacy Policy",
        "  • DMCA",
        "  • Contact",
    ]
    return "\n".join(out)


# ============================================================================================
# 5. Capital Briefing: microdata, breadcrumbs, pull quotes, inline "Read more", paywall
# ============================================================================================


def pull_quote(paragraphs: list[str]) -> str:
    """A sentence of the body to repeat as a pull quote: a quotation if there is one."""
    for p in paragraphs[1:]:
        m = re.search(r"“([^”]{40,220})”", p)
        if m:
            return "“" + m.group(1).rstrip(",") + "”"
    sentences = re.split(r"(?<=[.!?])\s+", paragraphs[min(2, len(paragraphs) - 1)])
    return sentences[0]


def capital_briefing(v: dict, ctx: dict) -> str:
    local = v["published"].astimezone(NORLAND_TZ)
    iso = local.isoformat()
    reads = pick(TEASERS, ctx["key"] + "cb", 6)
    author = v["author"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-US">',
        "<head>",
        '<meta charset="UTF-8">',
        f"<title>{e(v['title'])} - Capital Briefing</title>",
        f'<link rel="canonical" href="{e(v["url"])}">',
        f'<meta name="description" content="{e(description(v))}">',
        f'<meta property="og:title" content="{e(v["title"])}">',
        f'<meta property="og:url" content="{e(v["url"])}">',
        '<meta property="og:type" content="article">',
        '<meta property="og:site_name" content="Capital Briefing">',
        '<link rel="stylesheet" href="/wp-content/themes/briefing/style.css?ver=6.4.2">',
        "</head>",
        '<body class="single single-post">',
        '<div class="cb-ticker">Markets close: PAX 100 +0.4% · NOK/USD 1.08 · '
        "Assembly in session</div>",
        '<header class="cb-header">',
        '  <a class="cb-logo" href="/">Capital Briefing</a>',
        '  <nav class="cb-nav"><a href="/politics/">Politics</a> <a href="/policy/">Policy</a> '
        '<a href="/economy/">Economy</a> <a href="/provinces/">Provinces</a> '
        '<a href="/world/">World</a> <a href="/newsletters/">Newsletters</a> '
        '<a href="/podcast/">The Briefing Room</a></nav>',
        "</header>",
        '<nav class="breadcrumbs" aria-label="Breadcrumb">',
        '  <ol itemscope itemtype="https://schema.org/BreadcrumbList">',
        '    <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
        '<a itemprop="item" href="/"><span itemprop="name">Home</span></a>'
        '<meta itemprop="position" content="1"></li>',
        '    <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
        f'<a itemprop="item" href="{section_path(v["section"])}">'
        f'<span itemprop="name">{e(v["section"])}</span></a>'
        '<meta itemprop="position" content="2"></li>',
        "  </ol>",
        "</nav>",
        '<div class="cb-layout">',
        '<div class="cb-main" itemscope itemtype="https://schema.org/NewsArticle">',
        f'  <meta itemprop="mainEntityOfPage" content="{e(v["url"])}">',
        f'  <h1 class="cb-title" itemprop="headline">{e(v["title"])}</h1>',
    ]
    if v["subtitle"]:
        out.append(f'  <p class="cb-dek" itemprop="alternativeHeadline">{e(v["subtitle"])}</p>')
    out.append('  <div class="cb-meta">')
    if author:
        out.append(
            '    <span class="cb-author" itemprop="author" itemscope '
            'itemtype="https://schema.org/Person">By <a itemprop="url" '
            f'href="/author/{author_slug(author)}/"><span itemprop="name">{e(author)}</span></a>'
            "</span>"
        )
    out += [
        f'    <time itemprop="datePublished" datetime="{iso}">{month_day_year(local)} '
        f"{clock_12h(local, 'upper')}</time>",
        "  </div>",
        '  <div class="cb-body" itemprop="articleBody">',
    ]
    quote = pull_quote(v["paragraphs"])
    n = len(v["paragraphs"])
    for i, p in enumerate(v["paragraphs"]):
        out.append(f"    <p>{e(p)}</p>")
        if i == 1:
            title = reads[0][1]
            out.append(
                f'    <p class="read-more"><strong>Read more:</strong> '
                f'<a href="/politics/{slugify(title)}/">{e(title)}</a></p>'
            )
        if i == min(3, n - 2):
            out.append(f'    <blockquote class="pullquote"><p>{e(quote)}</p></blockquote>')
        if i == 5 and n > 7:
            title = reads[1][1]
            out.append(
                f'    <p class="read-more">Read more: <a href="/policy/{slugify(title)}/">'
                f"{e(title)}</a></p>"
            )
    out.append("  </div>")
    if v["rights"]:
        out.append(f'  <p class="cb-credit">{e(v["rights"])}</p>')
    out += [
        '  <div class="paywall-teaser">',
        "    <h3>You have read 3 of 5 free articles this month.</h3>",
        "    <p>Capital Briefing subscribers get every story from the Assembly floor, our "
        "morning newsletter and the full archive.</p>",
        '    <a class="cb-button" href="/subscribe/?src=paywall">Subscribe for $1 a week</a>',
        '    <p class="small">Already a subscriber? <a href="/login/">Log in</a></p>',
        "  </div>",
        "</div>",
        '<aside class="cb-sidebar">',
        "  <h3>Most read</h3>",
        "  <ol>",
    ]
    for _s, title, _rw, _sn in reads[2:]:
        out.append(f'    <li><a href="/politics/{slugify(title)}/">{e(title)}</a></li>')
    out += [
        "  </ol>",
        '  <div class="podcast-promo"><h3>The Briefing Room</h3><p>Our weekly podcast on '
        "power and policy in Port Avery. New episodes every Friday.</p></div>",
        "</aside>",
        "</div>",
        '<footer class="cb-footer"><p>&copy; 2026 Capital Briefing LLC. '
        '<a href="/about/">About</a> · <a href="/ethics/">Ethics</a> · '
        '<a href="/privacy/">Privacy</a></p></footer>',
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# ============================================================================================
# 6. El Observador del Sur: Spanish-language outlet
# ============================================================================================


def el_observador(v: dict, ctx: dict) -> str:
    local = v["published"].astimezone(NORLAND_TZ)
    iso = local.isoformat()
    fecha = (
        f"{ES_DAYS[local.weekday()]}, {local.day} de {ES_MONTHS[local.month - 1]} de {local.year}"
    )
    related = pick(TEASERS_ES, ctx["key"] + "eo", 4)
    out = [
        "<!DOCTYPE html>",
        '<html lang="es">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(v['title'])} | El Observador del Sur</title>",
        f'<meta name="description" content="{e(description(v))}">',
        f'<link rel="canonical" href="{e(v["url"])}">',
        '<meta property="og:locale" content="es_ES">',
        '<meta property="og:type" content="article">',
        '<meta property="og:site_name" content="El Observador del Sur">',
        f'<meta property="og:title" content="{e(v["title"])}">',
        f'<meta property="og:url" content="{e(v["url"])}">',
        f'<meta property="article:published_time" content="{iso}">',
        f'<meta property="article:section" content="{e(v["section"])}">',
    ]
    if v["author"]:
        out.append(f'<meta property="article:author" content="{e(v["author"])}">')
    out += [
        '<link rel="stylesheet" href="/css/observador.min.css">',
        "</head>",
        "<body>",
        "<header>",
        f'  <div class="eo-fecha">{fecha.capitalize()}</div>',
        '  <a class="eo-logo" href="/">El Observador del Sur</a>',
        '  <nav class="eo-menu"><ul>',
    ]
    for label in [
        "Portada",
        "Nacional",
        "Internacional",
        "Economía",
        "Sociedad",
        "Ciencia",
        "Cultura",
        "Deportes",
        "Opinión",
    ]:
        out.append(f'    <li><a href="/{slugify(label)}/">{label}</a></li>')
    out += [
        "  </ul></nav>",
        '  <a class="eo-suscribir" href="/suscripcion/">Suscríbete</a>',
        "</header>",
        '<main class="eo-main">',
        '<div class="nota">',
        f'  <p class="nota-seccion"><a href="/{slugify(v["section"])}/">{e(v["section"])}</a></p>',
        f'  <h1 class="nota-titulo">{e(v["title"])}</h1>',
    ]
    if v["subtitle"]:
        out.append(f'  <h2 class="nota-bajada">{e(v["subtitle"])}</h2>')
    firma = f"Por {e(v['author'])} | " if v["author"] else ""
    out += [
        f'  <div class="nota-firma">{firma}<time datetime="{iso}">'
        f"{local:%d/%m/%Y} - {local:%H:%M} h</time></div>",
        '  <div class="compartir">Compartir: <a href="#">Facebook</a> <a href="#">X</a> '
        '<a href="#">WhatsApp</a> <a href="#">Telegram</a> <a href="#">Correo</a></div>',
        '  <div class="nota-cuerpo">',
    ]
    for p in v["paragraphs"]:
        out.append(f"    <p>{e(p)}</p>")
    out.append("  </div>")
    if v["rights"]:
        out.append(f'  <p class="nota-derechos">{e(v["rights"])}</p>')
    out += [
        '  <div class="compartir">Compartir esta noticia: <a href="#">Facebook</a> '
        '<a href="#">X</a> <a href="#">WhatsApp</a></div>',
        "</div>",
        '<section class="relacionadas">',
        "  <h3>Noticias relacionadas</h3>",
        "  <ul>",
    ]
    for section, title in related:
        out.append(
            f'    <li><span class="rel-seccion">{e(section)}</span> '
            f'<a href="/{slugify(section)}/{slugify(title)}/">{e(title)}</a></li>'
        )
    out += [
        "  </ul>",
        "</section>",
        "</main>",
        "<footer>",
        "  <p>© 2026 El Observador del Sur. Todos los derechos reservados.</p>",
        '  <p><a href="/aviso-legal/">Aviso legal</a> · '
        '<a href="/privacidad/">Política de privacidad</a> · '
        '<a href="/cookies/">Política de cookies</a> · <a href="/contacto/">Contacto</a></p>',
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# ============================================================================================
# 7. Lakeshore Gazette: legacy table layout, windows-1252
# ============================================================================================


def lakeshore_gazette(v: dict, ctx: dict) -> str:
    local = v["published"].astimezone(NORLAND_TZ)
    more = pick(TEASERS, ctx["key"] + "lg", 5)
    byline = ""
    if v["author"]:
        byline = f"By {e(v['author'])}"
        if v["kind"] == "copy":
            byline += ", Northwind Wire"
        byline += " &nbsp;·&nbsp; "
    out = [
        "<html>",
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        f"<title>Lakeshore Gazette :: {e(v['title'])}</title>",
        f'<meta name="description" content="{e(description(v))}">',
        '<link rel="stylesheet" href="/styles/gazette.css" type="text/css">',
        "</head>",
        '<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0" marginwidth="0" marginheight="0">',
        '<table width="980" border="0" cellpadding="0" cellspacing="0" align="center">',
        '<tr><td colspan="3" class="masthead"><a href="/"><img src="/img/gazette_masthead.gif" '
        'width="980" height="110" border="0" alt="Lakeshore Gazette – Your Lakeshore, '
        'Your News"></a></td></tr>',
        '<tr><td colspan="3" class="navbar" bgcolor="#1F3A5F">'
        '<a href="/">Home</a> | <a href="/local/">Local</a> | <a href="/region/">Region</a> | '
        '<a href="/nation/">Nation &amp; World</a> | <a href="/business/">Business</a> | '
        '<a href="/sports/">Sports</a> | <a href="/lifestyle/">Lifestyle</a> | '
        '<a href="/obits/">Obituaries</a> | <a href="/classifieds/">Classifieds</a></td></tr>',
        "<tr>",
        '<td width="160" valign="top" class="leftnav" bgcolor="#EEF2F7">',
        "  <b>Quick Links</b><br>",
        '  <a href="/eedition/">Today’s e-Edition</a><br>',
        '  <a href="/letters/">Letters to the Editor</a><br>',
        '  <a href="/calendar/">Community Calendar</a><br>',
        '  <a href="/subscribe/">Subscribe – Save 50%</a><br>',
        "  <br><b>Lakeshore Weather</b><br>",
        "  Today: 6° – Showers<br>Tonight: 2° – Clearing<br>",
        "</td>",
        '<td width="600" valign="top" class="storycell">',
        f'  <font face="Arial" size="1" color="#999999">{e(v["section"]).upper()}</font><br>',
        f'  <font face="Georgia" size="5"><b>{e(v["title"])}</b></font><br>',
    ]
    if v["subtitle"]:
        out.append(f'  <font face="Georgia" size="3"><i>{e(v["subtitle"])}</i></font><br>')
    out += [
        f'  <font face="Arial" size="2" color="#666666">{byline}{local:%A}, '
        f"{month_day_year(local)} — {clock_12h(local, 'upper')}</font>",
        "  <hr size=1 noshade>",
    ]
    for p in v["paragraphs"]:
        out.append(f'  <p><font face="Georgia" size="3">{e(p)}</font></p>')
    if v["rights"]:
        out.append(f'  <p><font size="1"><i>{e(v["rights"])}</i></font></p>')
    out += [
        '  <table width="100%" border="0" cellpadding="4" cellspacing="0" class="morenews">',
        '  <tr><td bgcolor="#EEF2F7"><b>More Headlines…</b></td></tr>',
    ]
    for _s, title, _rw, _sn in more:
        out.append(f'  <tr><td><a href="/story/{slugify(title)}.asp">{e(title)}</a></td></tr>')
    out += [
        "  </table>",
        "</td>",
        '<td width="220" valign="top" class="rightcol">',
        '  <div class="ad"><img src="/ads/lakeshore_café_220x400.gif" width="220" height="400" '
        'alt="Café Lumière – Lakeshore’s favourite brunch"></div>',
        "  <p><b>Gazette Reader’s Poll</b><br>Should the lakefront boardwalk stay open "
        "year-round?<br>"
        '<input type="radio" name="poll"> Yes<br><input type="radio" name="poll"> No</p>',
        "</td>",
        "</tr>",
        '<tr><td colspan="3" class="footer" align="center"><font size="1">© 2026 Lakeshore '
        "Gazette Publishing Co. – 214 Quay Street, Lakeshore · “Lakeshore’s Newspaper Since "
        '1903”<br><a href="/privacy.asp">Privacy</a> | <a href="/contact.asp">Contact</a>'
        "</font></td></tr>",
        "</table>",
        "</body>",
        "</html>",
    ]
    return "\r\n".join(out) + "\r\n"


# ============================================================================================
# 8. TechPulse Daily: utility-class div soup, ads and sign-up boxes inside the body
# ============================================================================================


def techpulse_daily(v: dict, ctx: dict) -> str:
    pub = v["published"].astimezone(UTC)
    iso = pub.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    trending = pick(TEASERS, ctx["key"] + "tp-tr", 6)
    popular = pick(TEASERS, ctx["key"] + "tp-pop", 5)
    words = sum(len(p.split()) for p in v["paragraphs"])
    minutes = max(1, round(words / 230))
    author = v["author"]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": v["title"],
        "description": description(v),
        "datePublished": iso,
        "mainEntityOfPage": {"@type": "WebPage", "@id": v["url"]},
        "publisher": {"@type": "Organization", "name": "TechPulse Daily"},
    }
    if author:
        ld["author"] = [{"@type": "Person", "name": author}]
    state = {
        "page": "article",
        "slug": v["slug"],
        "section": v["section"],
        "ads": {"provider": "gpt", "slots": ["tp_inarticle_1", "tp_inarticle_2"]},
        "experiments": {"paywall": "off", "recirc": "b"},
    }
    out = [
        "<!DOCTYPE html>",
        '<html lang="en" class="no-js">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{e(v['title'])} — TechPulse Daily</title>",
        f'<link rel="canonical" href="{e(v["url"])}">',
        f'<meta name="description" content="{e(description(v))}">',
        f'<meta property="og:title" content="{e(v["title"])}">',
        f'<meta property="og:url" content="{e(v["url"])}">',
        '<meta property="og:type" content="article">',
        '<meta name="twitter:card" content="summary_large_image">',
        '<link rel="preconnect" href="https://cdn.techpulse.example">',
        '<script type="application/ld+json">',
        ld_json(ld),
        "</script>",
        "<script>window.__TP_STATE__ = " + json.dumps(state, sort_keys=True) + ";</script>",
        '<script async src="https://cdn.techpulse.example/js/tp-ads.3.2.1.js"></script>',
        '<script>(function(){document.documentElement.className="js";'
        "var t=localStorage.getItem('tp-theme');if(t){document.documentElement.dataset.theme=t}"
        "})();</script>",
        '<link rel="stylesheet" href="https://cdn.techpulse.example/_app/immutable/app.8c1f.css">',
        "</head>",
        '<body class="bg-white text-gray-900 antialiased">',
        '<div id="__tp">',
        '<div class="flex flex-col min-h-screen">',
        '<div class="sticky top-0 z-50 border-b border-gray-200 bg-white/90 backdrop-blur">',
        '<div class="container mx-auto flex items-center justify-between px-4 py-2">',
        '<a class="font-black text-2xl tracking-tight" href="/">TechPulse'
        '<span class="text-pink-600">Daily</span></a>',
        '<div class="hidden md:flex gap-6 text-sm font-medium">'
        '<a href="/ai">AI</a><a href="/gadgets">Gadgets</a><a href="/space">Space</a>'
        '<a href="/science">Science</a><a href="/policy">Policy</a><a href="/deals">Deals</a>'
        "</div>",
        '<div class="flex items-center gap-2"><button class="rounded-full px-4 py-1 bg-pink-600 '
        'text-white text-sm" data-action="subscribe">Subscribe</button></div>',
        "</div>",
        "</div>",
        '<div class="border-b border-gray-100 bg-gray-50">',
        '<div class="container mx-auto flex items-center gap-4 px-4 py-2 overflow-x-auto '
        'whitespace-nowrap text-sm" data-component="TrendingCarousel">',
        '<div class="font-bold uppercase text-pink-600 text-xs tracking-widest">Trending</div>',
    ]
    for _s, title, _rw, _sn in trending:
        out.append(
            f'<div class="carousel-item shrink-0"><a class="hover:underline" '
            f'href="/news/{slugify(title)}">{e(title)}</a></div>'
        )
    out += [
        "</div>",
        "</div>",
        '<div class="container mx-auto grid grid-cols-12 gap-8 px-4 py-8">',
        '<div class="col-span-12 lg:col-span-8">',
        '<div class="text-xs uppercase tracking-widest text-pink-600 font-bold">'
        f'<a href="/{slugify(v["section"])}">{e(v["section"])}</a></div>',
        '<div class="mt-2"><h1 class="text-4xl font-extrabold leading-tight">'
        f"{e(v['title'])}</h1></div>",
    ]
    if v["subtitle"]:
        out.append(f'<div class="mt-3 text-lg text-gray-600">{e(v["subtitle"])}</div>')
    out.append('<div class="mt-4 flex items-center gap-3 text-sm">')
    if author:
        out += [
            f'<img class="rounded-full w-8 h-8" src="https://cdn.techpulse.example/authors/'
            f'{author_slug(author)}.jpg" alt="">',
            f'<div><div class="font-semibold"><a href="/authors/{author_slug(author)}">'
            f"{e(author)}</a></div>",
        ]
    else:
        out.append("<div>")
    out += [
        f'<div class="text-gray-500"><span data-ts="{iso}">{pub:%b} {pub.day}, {pub.year}'
        f"</span> · {minutes} min read</div></div>",
        "</div>",
        '<div class="prose prose-lg mt-6 max-w-none" data-component="ArticleBody">',
    ]
    for i, p in enumerate(v["paragraphs"]):
        out.append(f'<div class="paragraph-wrapper"><p>{e(p)}</p></div>')
        if i in (1, 5):
            slot = 1 if i == 1 else 2
            out += [
                '<div class="my-8 flex flex-col items-center ad-slot" aria-hidden="true">',
                '<div class="text-[10px] uppercase tracking-widest text-gray-400">'
                "ADVERTISEMENT</div>",
                f'<div id="tp_inarticle_{slot}" class="min-h-[250px] w-[300px]"></div>',
                f"<script>window.tpAds&&tpAds.display('tp_inarticle_{slot}');</script>",
                "</div>",
            ]
        if i == 3:
            out += [
                '<div class="not-prose my-8 rounded-xl border border-pink-200 bg-pink-50 p-6" '
                'data-component="NewsletterInline">',
                '<div class="font-bold text-lg">Get the TechPulse Daily Brief</div>',
                '<p class="text-sm text-gray-600">The five tech and science stories that '
                "matter, every weekday at 7 a.m. Free.</p>",
                '<form class="mt-3 flex gap-2" action="/api/newsletter" method="post">'
                '<input class="flex-1 rounded border px-3 py-2" type="email" name="email" '
                'placeholder="you@example.com"><button class="rounded bg-pink-600 px-4 py-2 '
                'text-white">Sign me up</button></form>',
                "</div>",
            ]
    out.append("</div>")
    if v["rights"]:
        out.append(f'<p class="mt-6 text-xs text-gray-500">{e(v["rights"])}</p>')
    out += [
        '<div class="mt-8 flex flex-wrap gap-2 text-xs">'
        f'<a class="rounded-full bg-gray-100 px-3 py-1" href="/{slugify(v["section"])}">'
        f"{e(v['section'])}</a>"
        '<a class="rounded-full bg-gray-100 px-3 py-1" href="/science">Science</a></div>',
        "</div>",
        '<div class="col-span-12 lg:col-span-4">',
        '<div class="sticky top-20 rounded-xl border border-gray-200 p-4">',
        '<div class="font-bold uppercase text-xs tracking-widest mb-3">Most Popular</div>',
        '<ol class="space-y-3 text-sm">',
    ]
    for _s, title, _rw, _sn in popular:
        out.append(
            f'<li><a class="hover:underline" href="/news/{slugify(title)}">{e(title)}</a></li>'
        )
    out += [
        "</ol>",
        "</div>",
        "</div>",
        "</div>",
        '<footer class="mt-auto border-t border-gray-200 py-8 text-sm text-gray-500">',
        '<div class="container mx-auto px-4 flex flex-wrap gap-4">'
        "<span>© 2026 TechPulse Media, Inc.</span>"
        '<a href="/about">About</a><a href="/ethics">Ethics</a><a href="/privacy">Privacy</a>'
        '<a href="/cookies">Cookie settings</a></div>',
        "</footer>",
        "</div>",
        "</div>",
        '<script id="__TP_DATA__" type="application/json">'
        + json.dumps({"props": {"pageProps": {"slug": v["slug"], "ts": iso}}}, sort_keys=True)
        + "</script>",
        '<script src="https://cdn.techpulse.example/_app/immutable/entry.5d2a.js" '
        'type="module"></script>',
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# ============================================================================================
# 9. Riverside Community News: lynx -dump style text render
# ============================================================================================


class _Refs:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, label: str, url: str) -> str:
        self.urls.append(url)
        return f"[{len(self.urls)}]{label}"


def _wrap(text: str, indent: str = "   ", width: int = 76) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def riverside_community_news(v: dict, ctx: dict) -> str:
    local = v["published"].astimezone(NORLAND_TZ)
    base = "https://riversidenews.example"
    related = pick(TEASERS, ctx["key"] + "rcn", 4)
    ref = _Refs()
    out = [
        "   " + ref("Skip to content", v["url"] + "#content"),
        "",
        "   " + ref("Riverside Community News", base + "/"),
        "",
    ]
    home = ref("Home", base + "/")
    nav = " ".join(
        ref(label, f"{base}/{slugify(label)}/")
        for label in ["News", "Schools", "Community", "Business", "Sports", "Obituaries"]
    )
    out += [
        "   " + home + " " + nav,
        "   " + ref("Events", base + "/events/") + " " + ref("Contact", base + "/contact/"),
        "",
        "   Search: ____________________ " + ref("Go", base + "/search/"),
        "",
        "   Riverside weather: 8°C, light rain. Wind W 14 km/h. "
        + ref("Full forecast", base + "/weather/"),
        "",
    ]
    crumbs = " > ".join(
        [
            ref("Home", base + "/"),
            ref(v["section"], f"{base}/{slugify(v['section'])}/"),
            v["title"],
        ]
    )
    out += _wrap(crumbs) + [
        "",
        v["title"],
        "",
    ]
    if v["subtitle"]:
        out += _wrap(v["subtitle"]) + [""]
    date_text = f"{month_day_year(local)} at {clock_12h(local)}"
    if v["author"]:
        out.append(
            "   By "
            + ref(v["author"], f"{base}/author/{author_slug(v['author'])}/")
            + f" | Posted {date_text}"
        )
    else:
        out.append(f"   Posted {date_text}")
    out.append("")
    for p in v["paragraphs"]:
        out += _wrap(p) + [""]
    if v["rights"]:
        out += _wrap(v["rights"]) + [""]
    out += [
        "   Share: "
        + ref("Facebook", "https://facebook.example/sharer?u=" + v["url"])
        + " "
        + ref("X", "https://x.example/intent/post?url=" + v["url"])
        + " "
        + ref("Email", "mailto:?subject=Riverside%20Community%20News")
        + " "
        + ref("Print", v["url"] + "?print=1"),
        "",
        "   Support local news. Riverside Community News is a nonprofit newsroom funded by",
        "   readers like you. " + ref("Donate today", base + "/donate/"),
        "",
        "Related",
        "",
    ]
    for n, (_s, title, _rw, _sn) in enumerate(related):
        day = local - timedelta(days=2 + 3 * n)
        out += [
            "     * " + ref(title, f"{base}/2026/{day:%m/%d}/{slugify(title)}/"),
            f"       {month_day_year(day)}",
        ]
    out += [
        "",
        "   "
        + " | ".join(
            ref(label, f"{base}/{slugify(label)}/")
            for label in ["About us", "Advertise", "Submit a news tip", "Privacy"]
        ),
        "",
        "   © 2026 Riverside Community News. All rights reserved.",
        "",
        "References",
        "",
    ]
    for n, url in enumerate(ref.urls, start=1):
        out.append(f"  {n:>3}. {url}")
    return "\n".join(out) + "\n"


OUTLETS: dict[str, Outlet] = {
    o.slug: o
    for o in [
        Outlet(
            "harbor-city-tribune",
            "Harbor City Tribune",
            "harborcitytribune.example",
            "utf-8",
            "html",
            harbor_city_tribune,
        ),
        Outlet(
            "valley-ledger",
            "The Valley Ledger",
            "valleyledger.example",
            "utf-8",
            "html",
            valley_ledger,
        ),
        Outlet(
            "northwind-wire",
            "Northwind Wire",
            "northwindwire.example",
            "utf-8",
            "html",
            northwind_wire,
        ),
        Outlet(
            "metro-daily-post",
            "Metro Daily Post",
            "metrodailypost.example",
            "utf-8",
            "txt",
            metro_daily_post,
        ),
        Outlet(
            "capital-briefing",
            "Capital Briefing",
            "capitalbriefing.example",
            "utf-8",
            "html",
            capital_briefing,
        ),
        Outlet(
            "el-observador-del-sur",
            "El Observador del Sur",
            "observadordelsur.example",
            "utf-8",
            "html",
            el_observador,
        ),
        Outlet(
            "lakeshore-gazette",
            "Lakeshore Gazette",
            "lakeshoregazette.example",
            "windows-1252",
            "html",
            lakeshore_gazette,
        ),
        Outlet(
            "techpulse-daily",
            "TechPulse Daily",
            "techpulse.example",
            "utf-8",
            "html",
            techpulse_daily,
        ),
        Outlet(
            "riverside-community-news",
            "Riverside Community News",
            "riversidenews.example",
            "utf-8",
            "txt",
            riverside_community_news,
        ),
    ]
}
