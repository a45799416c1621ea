"""XML from the network, parsed without entity expansion or external references."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from newsdesk.sources.errors import SourceError


def parse_xml(content: bytes, name: str) -> Element:
    """Parse ``content``; SourceError (``unsafe-xml``) if it declares entities or external
    references (a billion-laughs document fails here, before any expansion), and
    (``malformed``) if it is not well-formed."""
    try:
        return fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceError(
            f"{name}: refused: the XML declares entities or external references "
            f"(a billion-laughs or XXE attack?): {exc}",
            "unsafe-xml",
        ) from exc
    except ParseError as exc:
        raise SourceError(f"{name}: malformed XML ({exc})", "malformed") from exc


def local_name(element: Element) -> str:
    """The tag without its namespace: ``{http://...}urlset`` -> ``urlset``."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
