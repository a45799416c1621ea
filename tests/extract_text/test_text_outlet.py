"""Outlet and rights line (newsdesk.extract.text.outlet)."""

from __future__ import annotations

from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


def test_repeated_menus_and_outlet() -> None:
    menu = ["Harbour Herald", "  • Home", "  • World", "  • Local", "  • Sports", "  • Opinion"]
    text = page(
        *menu,
        *menu,
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        BODY,
        "",
        *menu[1:],
    )
    article = extract_text_string(text)
    assert article.outlet == "Harbour Herald"
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert article.paragraphs == BODY


def test_footer_and_rights() -> None:
    footer = [
        "© 2026 Harbour Herald Media. All rights reserved.",
        "Terms of Service",
        "Privacy Policy",
        "Sitemap",
        "DMCA",
        "Contact Us",
    ]
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY, "", *footer)
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.outlet == "Harbour Herald Media"
    assert article.rights is None  # the site's own footer is not the article's rights line
    wire = "Copyright 2026 Northwind Wire. All rights reserved. This material may not be published."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY, "", wire, "", *footer)
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.rights == wire
    credit = "Northwind Wire contributed to this report."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [*BODY, credit], "", *footer)
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.rights == credit
