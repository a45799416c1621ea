"""Bytes to text, for pages that may lie about (or not state) their encoding."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers decode pages labelled latin-1/ascii as windows-1252 (WHATWG Encoding standard).
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


def _known(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    name = name.strip().lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def declared_charset(content: bytes, content_type: str | None = None) -> str | None:
    """The charset the document declares: BOM, then HTTP header, then XML/meta tag."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return name
    if content_type and "charset=" in content_type.lower():
        found = _known(content_type.lower().split("charset=", 1)[1].split(";")[0].strip("\"' "))
        if found:
            return found
    head = content[:4096]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match and _known(match.group(1)):
            return _known(match.group(1))
    return None


def decode(content: bytes, content_type: str | None = None) -> tuple[str, str, list[str]]:
    """Decode a page; returns ``(text, encoding used, warnings)``.

    Order: a declared charset that decodes cleanly, UTF-8, mostly-UTF-8 with a
    few bad bytes replaced, a statistical guess (with a warning), and last
    UTF-8 with replacement characters (with a warning), so that a mis-encoded
    page still yields text rather than an error, and says so.
    """
    warnings: list[str] = []
    declared = declared_charset(content, content_type)
    for encoding in (declared, "utf-8"):
        if encoding is None:
            continue
        try:
            return content.decode(encoding), encoding, warnings
        except (UnicodeDecodeError, LookupError):
            if encoding == declared:
                warnings.append(f"declared charset {declared} does not decode the page")
    lossy = content.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    non_ascii = len(lossy) - len(lossy.encode("ascii", "ignore")) - bad
    if non_ascii < bad:  # few real UTF-8 sequences: probably a legacy single-byte encoding
        guess = from_bytes(content[:65536]).best()
        if guess is not None:
            try:
                text = content.decode(guess.encoding)
            except (UnicodeDecodeError, LookupError):
                pass
            else:  # right for a legacy page, mojibake for UTF-8 with stray bytes: say so
                warnings.append(
                    f"invalid UTF-8 ({bad} bad bytes) and no charset declared: "
                    f"decoded as {guess.encoding}, a guess"
                )
                return text, guess.encoding, warnings
    warnings.append(f"invalid UTF-8: {bad} undecodable bytes replaced")
    return lossy, "utf-8", warnings
