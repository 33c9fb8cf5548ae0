"""Every touch of another package's internals, in one place.

The features read sphinxcontrib-bibtex's documented domain data (``bibdata``,
``bibliographies``, ``citations``, ``citation_refs``) and use the packages' settings,
events and plugin points; where a seam is missing they call this module. Each
function names the upstream change that would remove it. Checked against
:data:`CHECKED_WITH`, which a test compares with requirements.txt.
"""

from __future__ import annotations

import ast
import queue
from typing import TYPE_CHECKING

import docutils.nodes
import lxml.etree
import sphinx_sitemap
from sphinxcontrib.bibtex.bibfile import BibData
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: The versions this module was checked against.
CHECKED_WITH = {
    "sphinx": "9.0.4",
    "sphinxcontrib-bibtex": "2.7.0",
    "sphinx-sitemap": "2.9.0",
    "feedgen": "1.0.0",
}

#: A filter that selects no entry.
NOTHING = "False"


def register_bibliography(
    domain: BibtexDomain,
    where: BibliographyKey,
    line: int,
    style: str,
    entry_nodes: dict[str, docutils.nodes.Element],
) -> None:
    """Register a list of every key of *entry_nodes*, at its node's id, as a
    ``bibliography`` directive would. (Upstream: a public way to register listed keys.)"""
    domain.bibliographies[where] = BibliographyValue(
        line=line,
        bibfiles=list(domain.bibdata.bibfiles),
        style=style,
        list_="citation",  # the list type whose entries citations resolve to
        enumtype="arabic",
        start=1,
        labelprefix="",
        keyprefix="",
        filter_=ast.parse(NOTHING),  # no entry by filter: exactly the keys below
        citation_nodes=entry_nodes,
        keys=list(entry_nodes),
    )


def keep_parsed_bibdata(domain: BibtexDomain, bibdata: BibData) -> None:
    """Give sphinxcontrib-bibtex the bib files parsed (and checked) a step earlier: they
    are then current. (Upstream: ``process_bibdata`` reporting errors with their lines.)"""
    domain.data["bibdata"] = bibdata


def select_nothing(domain: BibtexDomain, where: BibliographyKey) -> None:
    """Replace a bibliography's ``:filter:`` by one selecting nothing. (Upstream:
    ``_FilterVisitor`` reporting a TypeError as it reports a ValueError.)"""
    bibliography = domain.bibliographies[where]
    domain.bibliographies[where] = bibliography._replace(filter_=ast.parse(NOTHING))


def list_in_sitemap(app: Sphinx, pagenames: list[str]) -> bool:
    """Make sphinx-sitemap list exactly *pagenames*, in order; False without it.
    (Upstream: jdillard/sphinx-sitemap#13, listing every page, not only those written.)"""
    links: queue.Queue[object] | None = getattr(app, "sitemap_links", None)
    if links is None:
        return False
    while True:
        try:
            links.get_nowait()
        except queue.Empty:
            break
    for pagename in pagenames:
        sphinx_sitemap.add_html_link(app, pagename, "page.html", {}, None)
    return True


def sitemap_pages_written(app: Sphinx) -> bool:
    """Whether sphinx-sitemap saw pages written in this build (it writes a sitemap then)."""
    links: queue.Queue[object] | None = getattr(app, "sitemap_links", None)
    return links is not None and not links.empty()


def with_link_relations(atom: bytes, relations: dict[str, tuple[str, str]]) -> bytes:
    """feedgen's Atom with each entry link's ``rel`` and ``title`` (*relations*, by href):
    feedgen 1.0.0 writes an entry's links without them (its ``atom_entry`` reuses the name
    ``link`` for the element it makes). (Upstream: that loop fixed.)"""
    tree = lxml.etree.fromstring(atom)
    for link in tree.iterfind("{*}entry/{*}link"):
        rel, title = relations.get(link.get("href", ""), ("", ""))
        link.attrib.update({"rel": rel, "title": title} if rel else {})
    return bytes(lxml.etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))


def forget_page_numbers(builder: Builder) -> None:
    """Before rendering a page that is not a document: the HTML writer reads the numbers
    that only ``write_doc`` sets. (Upstream: ``render_partial`` resetting them.)"""
    builder.secnumbers, builder.fignumbers = {}, {}  # type: ignore[attr-defined]
