"""Finish every bibliography entry: links, BibTeX, backlinks.

The bibliography transform fills each citation with the formatted entry
(formatted once, in the domain), its parts kept (:mod:`.backend`). Once the
doctree is resolved, this module, for each entry:

- adds the links line (:mod:`.links`) and the clean BibTeX record on demand
  (:mod:`.cleanbib`, :mod:`.disclosure`);
- adds "Discussed in" links to the citing sections (:mod:`.backlinks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import docutils.nodes
from pybtex.database import Entry

from .backlinks import discussed_in, page_titles, places_by_key
from .cleanbib import bibtex_record
from .disclosure import disclosure
from .latex import inplace_bibitem
from .links import entry_links

if TYPE_CHECKING:
    from sphinx.application import Sphinx
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
    para = docutils.nodes.paragraph(classes=["pub-links"])
    for n, link in enumerate(links):
        if n:
            para += docutils.nodes.Text(" \u00b7\u00a0")
        para += docutils.nodes.reference(link.text, link.text, refuri=link.url)
    return para


def bibtex_block(entry: Entry) -> disclosure:
    """The clean BibTeX record, highlighted and copyable, shown on demand."""
    record = bibtex_record(entry)
    block = disclosure(summary="BibTeX", classes=["pub-bibtex"])
    block += docutils.nodes.literal_block(record, record, language="bibtex")
    return block


def is_entry(node: docutils.nodes.Node) -> bool:
    """A bibliography entry: a citation, or its in-place LaTeX form."""
    return isinstance(node, (docutils.nodes.citation, inplace_bibitem))


def finish_entries(app: Sphinx, doctree: docutils.nodes.document, docname: str) -> None:
    """Give every bibliography entry of *doctree* its links, BibTeX and backlinks.

    Runs on ``doctree-resolved``: after the bibliography transform has filled
    the citations, with the builder at hand for the backlinks.
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
        extras = [
            links_line(citation.entry),
            bibtex_block(citation.entry),
            discussed_in(app.builder, docname, places, titles),
        ]
        node.extend(extra for extra in extras if extra is not None)


def setup(app: Sphinx) -> None:
    """Connect the handler."""
    app.connect("doctree-resolved", finish_entries)
