"""A page per paper, ``publications/<slug>.html``, made on ``html-collect-pages`` from
the list's entry nodes; the event ``research-site-paper-pages`` lets a handler take care of
pages (the speed layer keeps unchanged ones). Pages of papers gone from refs.bib are removed.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils.nodes
from pybtex.style import FormattedEntry
from sphinx.util.nodes import make_refnode

from ..adapter import forget_page_numbers
from ..bib.facts import EntryFacts
from ..bib.links import Link
from ..bib.texts import plain
from ..config import attachment_path, paper_pagename
from ..listings.domain import Place, cite_domain, research_domain
from ..listings.entries import (
    LINK_SEPARATOR,
    EntryBackend,
    bibtex_block,
    discussed_in,
    entry_paragraph,
    links_line,
    page_titles,
    paper_label,
    take_title,
)
from ..listings.publications import legend
from ..listings.references import list_citations, list_docname
from ..outputs import PAPER_PAGES, gets
from ..styles.formatting import citation_text
from .assets import HAS_CODE
from .metadata import paper_head

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

#: ``(app, pages: list[PaperPage]) -> set[str] | None``: the names of pages taken care of.
PAGES_EVENT = "research-site-paper-pages"

#: The theme template of a paper page.
PAPER_TEMPLATE = "page.html"

#: The files of each paper for reference managers (written by :mod:`.downloads`).
DOWNLOADS = ((".bib", "BibTeX"), (".ris", "RIS: Zotero, EndNote, Mendeley"))

#: The classes of a paper page's citation text and its downloads.
CITATION_CLASS, DOWNLOADS_CLASS = "pub-citation", "pub-downloads"

#: The context key that holds a paper page's key (the templates and handlers know it by it).
PAPER_KEY = "research_site_paper"


@dataclass(frozen=True)
class PaperPage:
    """What one paper page is made of, besides the site around it."""

    pagename: str
    key: str
    number: int
    places: tuple[Place, ...]  # the sections that cite the paper
    titles: tuple[str, ...]  # the titles of their pages
    listed_in: str | None  # the page of the publication list
    formatted: FormattedEntry  # the entry as the list shows it (made of the above)
    previous: tuple[str, str] | None  # (pagename, "[N] Title") of the paper numbered one less
    following: tuple[str, str] | None  # ... and one more


def paper_pages(app: Sphinx) -> list[PaperPage]:
    """One page per paper of the publication list, highest number first."""
    library = research_domain(app.env).library
    citations = list_citations(cite_domain(app.env))
    citing = research_domain(app.env).places_by_key()
    titles = page_titles(app.env)
    listed_in = list_docname(cite_domain(app.env))
    keys = [key for key in library.newest_first() if key in citations]

    def neighbour(index: int) -> tuple[str, str] | None:
        if not 0 <= index < len(keys):
            return None
        key = keys[index]
        title = f"[{library.number(key)}] {library.facts(key).title_plain}"
        return paper_pagename(app.config, library.slug(key)), title

    pages = []
    for index, key in enumerate(keys):
        places = tuple(citing.get(key.lower(), ()))
        pages.append(
            PaperPage(
                pagename=paper_pagename(app.config, library.slug(key)),
                key=key,
                number=library.identity(key).number or 0,
                places=places,
                titles=tuple(titles.get(place.docname, "") for place in places),
                listed_in=listed_in,
                formatted=citations[key].formatted_entry,
                previous=neighbour(index + 1),  # newest first: the next in the list is older
                following=neighbour(index - 1),
            )
        )
    return pages


def subsection(name: str, title: str, *children: docutils.nodes.Node) -> docutils.nodes.section:
    section = docutils.nodes.section(ids=[name], names=[name])
    section += docutils.nodes.title(title, title)
    section.extend(children)
    return section


def cite_section(facts: EntryFacts, record: str, slug: str) -> docutils.nodes.section:
    """The "Cite" section: the citation as plain text, the BibTeX (open, with its copy
    button) and the entry's .bib and .ris files for reference managers."""
    text = plain(citation_text(facts))
    block = bibtex_block(record)
    block["open"] = True
    files = docutils.nodes.paragraph(classes=[DOWNLOADS_CLASS])
    files += docutils.nodes.Text("Download: ")
    for n, (suffix, what) in enumerate(DOWNLOADS):
        files += docutils.nodes.Text(LINK_SEPARATOR if n else "")
        name = f"{slug}{suffix}"
        files += docutils.nodes.reference(name, name, refuri=name)
        files += docutils.nodes.Text(f" ({what})")
    citation = docutils.nodes.paragraph(text, text, classes=[CITATION_CLASS])
    return subsection("cite", "Cite", citation, block, files)


def paper_body(app: Sphinx, page: PaperPage) -> docutils.nodes.section:
    """The page's content, as nodes: the title once, the label and the rest of the entry,
    the markers' legend, links, abstract, "Discussed in", "Cite", the way back."""
    library = research_domain(app.env).library
    facts = library.facts(page.key)
    anchor = library.slug(page.key)
    section = docutils.nodes.section(ids=[anchor])
    para = entry_paragraph(page.formatted)
    section += docutils.nodes.title(facts.title_plain, "", *take_title(para))
    section += docutils.nodes.paragraph("", "", paper_label(library.identity(page.key)))
    section += para
    used = {symbol for author in facts.authors for symbol in author.markers}
    if used:
        section += legend(used)
    titles = dict(zip((place.docname for place in page.places), page.titles, strict=True))

    def link(target: str, anchor: str, text: str) -> docutils.nodes.Element:
        content = docutils.nodes.inline(text, text)
        return make_refnode(app.builder, page.pagename, target, anchor, content)

    def section_link(place: Place) -> docutils.nodes.Element:
        return link(place.docname, place.section_id, place.title)

    def attachment(item: Link) -> docutils.nodes.Element:
        path = attachment_path(app.config, item.url)
        uri = posixpath.relpath(path, posixpath.dirname(page.pagename))
        return docutils.nodes.reference(item.text, item.text, refuri=uri)

    links = links_line(facts, attachment=attachment)
    section.extend([links] if links else [])
    if facts.abstract:
        abstract = docutils.nodes.paragraph("", "", *facts.abstract.render(EntryBackend()))
        section += subsection("abstract", "Abstract", abstract)
    places = discussed_in(page.places, titles, section_link)
    section.extend([places] if places else [])
    section += cite_section(facts, library.record(page.key), anchor)
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
    forget_page_numbers(builder)  # a page made on html-collect-pages has none
    facts = research_domain(app.env).library.facts(page.key)
    neighbours = {}
    for name, neighbour in (("prev", page.previous), ("next", page.following)):
        if neighbour:  # the theme's links to the previous and next page
            link = builder.get_relative_uri(page.pagename, neighbour[0])
            neighbours[name] = {"link": link, "title": html.escape(neighbour[1])}
    return {
        **neighbours,
        "title": facts.title_plain,
        "body": builder.render_partial(paper_body(app, page))["fragment"],
        "metatags": paper_head(facts, absolute_url(app, page.pagename), app.config.project),
        HAS_CODE: True,
        PAPER_KEY: page.key,
    }


def remove_stale_pages(app: Sphinx, current: set[str]) -> None:
    """Delete pages (and their .bib and .ris) of papers no longer in refs.bib."""
    folder = Path(app.outdir, app.config.research_site_paper_dir)
    download = Path(app.outdir, app.config.research_site_bibtex_download)
    for suffix in (".html", *(suffix for suffix, _ in DOWNLOADS)):
        for path in folder.glob(f"*{suffix}"):
            pagename = paper_pagename(app.config, path.stem)
            if pagename not in current and pagename not in app.env.found_docs and path != download:
                path.unlink()


def collect_paper_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the paper pages to write (rendered as Sphinx takes them)."""
    if not gets(app.builder, PAPER_PAGES):
        return
    pages = paper_pages(app)
    remove_stale_pages(app, {page.pagename for page in pages})
    done = app.emit_firstresult(PAGES_EVENT, pages) or set()
    for page in pages:
        if page.pagename not in done:
            yield page.pagename, paper_context(app, page), PAPER_TEMPLATE
