"""A page per paper, ``publications/<slug>.html``, with the metadata scholars' tools read.

The slug is the key made URL-safe (:func:`..bib.library.slug`).

On ``html-collect-pages`` every paper of refs.bib becomes a page rendered by
the theme's ``page.html`` (HTML builder only; no source file is written). Its
body is made of the same nodes as the list's entry (:mod:`..listings.entries`),
written by Sphinx's HTML writer: the title, the label, the entry, its links,
the clean BibTeX and "Discussed in", and a link back to the list. Its head
carries :mod:`.metadata`.

Before the pages are made, the event ``research-site-paper-pages`` is emitted
with the list of :class:`PaperPage`; a handler may return the names of the
pages it took care of, which are then not made again (the speed layer keeps
pages written by an earlier build when nothing they are made of changed).
Pages of papers no longer in refs.bib are removed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils.nodes
from pybtex.style import FormattedEntry
from sphinx.util.nodes import make_refnode

from ..config import paper_pagename, writes_paper_pages
from ..listings.domain import Place, cite_domain, research_domain
from ..listings.entries import LABEL_CLASS, entry_extras, entry_paragraph, page_titles
from ..listings.references import list_citations, list_docname
from .assets import HAS_CODE
from .metadata import paper_head

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

#: ``(app, pages: list[PaperPage]) -> set[str] | None``: the names of pages taken care of.
PAGES_EVENT = "research-site-paper-pages"

#: The theme template of a paper page.
PAPER_TEMPLATE = "page.html"

#: The context key that holds a paper page's key (the templates and handlers know it by it).
PAPER_KEY = "research_site_paper"


@dataclass(frozen=True)
class PaperPage:
    """What one paper page is made of, besides the site around it."""

    pagename: str
    key: str
    label: str
    places: tuple[Place, ...]  # the sections that cite the paper
    titles: tuple[str, ...]  # the titles of their pages
    listed_in: str | None  # the page of the publication list
    formatted: FormattedEntry  # the entry as the list shows it (made of the above)


def paper_pages(app: Sphinx) -> list[PaperPage]:
    """One page per paper of the publication list, highest number first."""
    library = research_domain(app.env).library
    citations = list_citations(cite_domain(app.env))
    citing = research_domain(app.env).places_by_key()
    titles = page_titles(app.env)
    listed_in = list_docname(cite_domain(app.env))
    pages = []
    for key in filter(citations.__contains__, library.newest_first()):
        places = tuple(citing.get(key.lower(), ()))
        pages.append(
            PaperPage(
                pagename=paper_pagename(app.config, library.slug(key)),
                key=key,
                label=citations[key].formatted_entry.label,
                places=places,
                titles=tuple(titles.get(place.docname, "") for place in places),
                listed_in=listed_in,
                formatted=citations[key].formatted_entry,
            )
        )
    return pages


def paper_body(app: Sphinx, page: PaperPage) -> docutils.nodes.section:
    """The page's content, as nodes: title, label, entry and its extras, the way back."""
    library = research_domain(app.env).library
    facts, entry = library.facts(page.key), library.entry(page.key)
    anchor = library.slug(page.key)
    section = docutils.nodes.section(ids=[anchor])
    section += docutils.nodes.title(facts.title_plain, facts.title_plain)
    label = f"[{page.label}]"
    section += docutils.nodes.paragraph(label, label, classes=[LABEL_CLASS])
    section += entry_paragraph(page.formatted)
    titles = dict(zip((place.docname for place in page.places), page.titles, strict=True))

    def link(target: str, anchor: str, text: str) -> docutils.nodes.Element:
        content = docutils.nodes.inline(text, text)
        return make_refnode(app.builder, page.pagename, target, anchor, content)

    def section_link(place: Place) -> docutils.nodes.Element:
        return link(place.docname, place.section_id, place.title)

    section.extend(entry_extras(entry, facts, list(page.places), titles, section_link))
    if page.listed_in:
        back = docutils.nodes.paragraph(classes=["pub-back"])
        back += link(page.listed_in, anchor, "All publications")
        section += back
    return section


def absolute_url(app: Sphinx, pagename: str) -> str:
    """The page's URL under ``html_baseurl`` (its relative file name without one)."""
    target = app.builder.get_target_uri(pagename)
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{target}" if base else target


def paper_context(app: Sphinx, page: PaperPage) -> dict[str, Any]:
    """The template context of a paper page: title, body and head metadata."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    # Sphinx 9.0: the HTML writer reads the section and figure numbers of the page
    # being written, which only write_doc sets (sphinx.builders.html); a page made
    # on html-collect-pages has none. (Upstream: render_partial could reset them.)
    builder.secnumbers, builder.fignumbers = {}, {}
    facts = research_domain(app.env).library.facts(page.key)
    return {
        "title": facts.title_plain,
        "body": builder.render_partial(paper_body(app, page))["fragment"],
        "metatags": paper_head(facts, absolute_url(app, page.pagename), app.config.project),
        HAS_CODE: True,
        PAPER_KEY: page.key,
    }


def remove_stale_pages(app: Sphinx, current: set[str]) -> None:
    """Delete pages of papers no longer in refs.bib (left by an earlier build)."""
    folder = Path(app.outdir, app.config.research_site_paper_dir)
    for path in folder.glob("*.html"):
        pagename = posixpath.join(app.config.research_site_paper_dir, path.stem)
        if pagename not in current and pagename not in app.env.found_docs:
            path.unlink()


def collect_paper_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the paper pages to write (rendered as Sphinx takes them)."""
    if not writes_paper_pages(app):
        return
    pages = paper_pages(app)
    remove_stale_pages(app, {page.pagename for page in pages})
    done = app.emit_firstresult(PAGES_EVENT, pages) or set()
    for page in pages:
        if page.pagename not in done:
            yield page.pagename, paper_context(app, page), PAPER_TEMPLATE
