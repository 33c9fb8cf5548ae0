"""Finish every bibliography entry: links, BibTeX, backlinks.

The bibliography transform fills each citation with the formatted entry
(formatted once, in the domain), its parts kept (:mod:`.backend`). Once the
doctree is resolved, this module, for each entry:

- adds the links line (:mod:`.links`) and the clean BibTeX record on demand
  (:mod:`.cleanbib`, :mod:`.disclosure`);
- adds "Discussed in" links to the citing sections (:mod:`.backlinks`).

For the HTML builder the transform leaves each entry pending, and all of it is
written here as HTML at once (:mod:`.entryhtml`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import docutils.nodes
from pybtex.database import Entry

from .backend import entry_paragraph
from .backlinks import discussed_in, page_titles, places_by_key
from .cleanbib import BIBTEX_CLASS, BIBTEX_LANGUAGE, BIBTEX_SUMMARY, bibtex_record
from .disclosure import disclosure
from .entryhtml import NotWritable, entry_content, pending_entry
from .latex import inplace_bibitem
from .links import LINK_SEPARATOR, LINKS_CLASS, entry_links, has_paper_pages, paper_pagename

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinxcontrib.bibtex.domain import BibtexDomain, Citation

    from .backlinks import Place


def citations_of(domain: BibtexDomain, docname: str) -> dict[str, Citation]:
    """The domain's citations placed in *docname*, by citation node id."""
    return {
        citation.citation_id: citation
        for citation in domain.citations
        if citation.bibliography_key.docname == docname
    }


def links_line(entry: Entry) -> docutils.nodes.paragraph | None:
    """``arXiv · PDF · OpenReview`` for *entry*, or None without links."""
    links = entry_links(entry)
    if not links:
        return None
    para = docutils.nodes.paragraph(classes=[LINKS_CLASS])
    for n, link in enumerate(links):
        if n:
            para += docutils.nodes.Text(LINK_SEPARATOR)
        para += docutils.nodes.reference(link.text, link.text, refuri=link.url)
    return para


def bibtex_block(entry: Entry) -> disclosure:
    """The clean BibTeX record, highlighted and copyable, shown on demand."""
    record = bibtex_record(entry)
    block = disclosure(summary=BIBTEX_SUMMARY, classes=[BIBTEX_CLASS])
    block += docutils.nodes.literal_block(record, record, language=BIBTEX_LANGUAGE)
    return block


def entry_extras(
    builder: Builder, docname: str, entry: Entry, places: list[Place], titles: dict[str, str]
) -> list[docutils.nodes.Element]:
    """The nodes after an entry's text: links line, BibTeX block, "Discussed in"."""
    extras = [
        links_line(entry),
        bibtex_block(entry),
        discussed_in(builder, docname, places, titles),
    ]
    return [extra for extra in extras if extra is not None]


def is_entry(node: docutils.nodes.Node) -> bool:
    """A bibliography entry: a citation, or its in-place LaTeX form."""
    return isinstance(node, (docutils.nodes.citation, inplace_bibitem))


def finish_entries(app: Sphinx, doctree: docutils.nodes.document, docname: str) -> None:
    """Give every bibliography entry of *doctree* its links, BibTeX and backlinks.

    Runs on ``doctree-resolved``: after the bibliography transform has filled
    the citations, with the builder at hand for the backlinks. An entry left
    pending by the transform (HTML builder) is written as HTML (:mod:`.entryhtml`).
    """
    env = app.env
    domain = cast("BibtexDomain", env.get_domain("cite"))
    titles = page_titles(env)
    citing: dict[str, list[Place]] | None = None
    by_docname: dict[str, dict[str, Citation]] = {}
    for node in list(doctree.findall(is_entry)):
        placed_in = node.get("docname", docname)
        if placed_in not in by_docname:
            by_docname[placed_in] = citations_of(domain, placed_in)
        citation = by_docname[placed_in].get(node["ids"][0]) if node["ids"] else None
        if citation is None:
            continue
        if citing is None:
            citing = places_by_key(env)
        places = citing.get(citation.key.lower(), [])
        pending = node.next_node(pending_entry)
        if pending is not None:
            try:
                pending.replace_self(
                    entry_content(
                        cast("StandaloneHTMLBuilder", app.builder),
                        docname,
                        citation.entry,
                        citation.formatted_entry,
                        places,
                        titles,
                        title_uri(app, docname, node),
                    )
                )
                continue
            except NotWritable:
                pending.replace_self(entry_paragraph(pending["formatted"]))
        node.extend(entry_extras(app.builder, docname, citation.entry, places, titles))
    # entries the loop did not write (not in a citation list): their text as nodes
    for pending in list(doctree.findall(pending_entry)):
        pending.replace_self(entry_paragraph(pending["formatted"]))


def title_uri(app: Sphinx, docname: str, node: docutils.nodes.Element) -> str | None:
    """Where an entry's title links: its paper's page (None for an entry with none).

    Written as HTML here, or linked in the nodes by
    :func:`.paperpages.link_titles_to_paper_pages`.
    """
    if not has_paper_pages(app) or not isinstance(node, docutils.nodes.citation):
        return None
    return app.builder.get_relative_uri(docname, paper_pagename(app, node["ids"][0]))


def setup(app: Sphinx) -> None:
    """Connect the handler."""
    app.connect("doctree-resolved", finish_entries)
