"""A ``<meta name="description">`` on every HTML page, from the page's own text.

Search engines and link previews show it. A page can set its own in MyST front
matter (``html_meta: {description: ...}``); otherwise the first paragraph of its
text is used, cut at a word near 160 characters, and pages without prose (search,
index) get ``research_site_description`` from conf.py.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import docutils.nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MAX_LENGTH = 160


def prose(para: docutils.nodes.paragraph) -> str:
    """The words of *para* without its citation labels."""

    def is_citation(node: docutils.nodes.Node) -> bool:
        return isinstance(node, docutils.nodes.Element) and "bibtex-citation" in node["classes"]

    words = [
        str(text)
        for text in para.findall(docutils.nodes.Text)
        if not any(is_citation(parent) for parent in _ancestors(text, para))
    ]
    text = " ".join("".join(words).split())
    return text.replace(" .", ".").replace(" ,", ",").replace(" ;", ";")


def _ancestors(node: docutils.nodes.Node, stop: docutils.nodes.Node) -> list[docutils.nodes.Node]:
    found = []
    while node is not stop and node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def page_description(doctree: docutils.nodes.document, title: str) -> str:
    """The first paragraph of prose, after the page title when it is short."""
    for para in doctree.findall(docutils.nodes.paragraph):
        if para.get("classes") or isinstance(
            para.parent, (docutils.nodes.citation, docutils.nodes.list_item)
        ):
            continue
        text = prose(para)
        if len(text) >= 20:
            return text if len(text) >= 80 or not title else f"{title}: {text}"
    return ""


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """*text* cut at a word boundary to at most *limit* characters."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def add_description(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: docutils.nodes.document | None,
) -> None:
    """Add the description unless the page has one."""
    metatags = context.get("metatags", "")
    if 'name="description"' in metatags:
        return
    title = html.unescape(str(context.get("title", "")))
    text = page_description(doctree, title) if doctree is not None else ""
    description = shorten(text or app.config.research_site_description)
    if description:
        tag = (
            f'<meta name="description" content="{html.escape(description)}" />'  # XHTML too (EPUB)
        )
        context["metatags"] = f"{metatags}\n    {tag}"


def setup(app: Sphinx) -> None:
    """Register the fallback description and connect the handler."""
    app.add_config_value("research_site_description", "", "html", types=[str])
    app.connect("html-page-context", add_description)
