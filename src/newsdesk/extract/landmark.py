"""The text of a page's main landmark: the main content of a page that is not an article.

An article extractor (trafilatura's, and readability's and jusText's behind it) keeps
prose and drops link-dense blocks as navigation. On a listing, a collection, a service
or a documentation page the content *is* link-dense: the headlines, titles and short
descriptions of the items the page lists, the steps and links of a service. Most such
pages say where their content is: an HTML5 ``<main>`` element or ``role="main"`` (the
landmark that screen readers jump to). Its text, without the navigation, headers,
footers, asides, forms and hidden parts inside it, is the page's main content.
"""

from __future__ import annotations

import copy

from lxml import etree
from lxml import html as lxml_html

_LANDMARKS = etree.XPath("//main | //*[@role='main']")
_FURNITURE = etree.XPath(
    ".//nav | .//header | .//footer | .//aside | .//form | .//button | .//select"
    " | .//*[@role='navigation' or @role='dialog' or @aria-hidden='true' or @hidden]"
)
_BLOCKS = frozenset(
    """p div li h1 h2 h3 h4 h5 h6 td th tr section article header footer ul ol dl dt dd
    figcaption blockquote pre table caption summary details""".split()
)


def landmark_paragraphs(tree: lxml_html.HtmlElement) -> list[str]:
    """The paragraphs of the page's largest main landmark (one per block element, white
    space collapsed), or [] when the page marks none. ``tree`` is left as it is."""
    landmarks = _LANDMARKS(tree)
    if not landmarks:
        return []
    main = copy.deepcopy(max(landmarks, key=lambda el: len(el.text_content())))
    for el in _FURNITURE(main):
        if el.getparent() is not None:
            el.drop_tree()
    paragraphs: list[str] = []
    _collect(main, paragraphs)
    return list(dict.fromkeys(paragraphs))


def _collect(element: lxml_html.HtmlElement, out: list[str]) -> None:
    """Append the text of ``element`` to ``out``, a paragraph for each run of inline
    content between block elements, which are collected in turn."""
    run: list[str] = [element.text or ""]

    def flush() -> None:
        text = " ".join("".join(run).split())
        if text:
            out.append(text)
        run.clear()

    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            pass
        elif child.tag in _BLOCKS:
            flush()
            _collect(child, out)
        elif child.tag == "br":
            flush()
        else:
            run.append(child.text_content())
        run.append(child.tail or "")
    flush()
