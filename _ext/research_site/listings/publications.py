"""``publication-list`` (a section per year, newest first, ``#<year>``; papers highest
number first) and ``selected-publications`` (papers with ``selected``), all from refs.bib.
"""

from __future__ import annotations

import posixpath

import docutils.nodes
from sphinx.util.docutils import SphinxDirective

from ..adapter import register_bibliography
from ..bib.annotations import legend_items
from ..bib.library import Library
from ..config import feed_path
from ..outputs import DOWNLOADS, PAPER_PAGES, only_in
from .domain import cite_domain, research_domain
from .nodes import pending_entry
from .references import LIST_BIBLIOGRAPHY_ID, BibliographyKey

#: Classes of the lists (the site's stylesheet lays them out).
LIST_CLASS, ENTRY_CLASS, SELECTED_CLASS = "pub-list", "pub-entry", "pub-selected"
LEGEND_CLASS = "pub-legend"


def legend(symbols: set[str] | None = None) -> docutils.nodes.paragraph:
    """``* equal contribution, † project lead`` (the *symbols* used, or all)."""
    para = docutils.nodes.paragraph(classes=[LEGEND_CLASS])
    for n, (symbol, meaning) in enumerate(legend_items(symbols)):
        if n:
            para += docutils.nodes.Text(", ")
        para += docutils.nodes.superscript(symbol, symbol)
        para += docutils.nodes.Text(f"\u00a0{meaning}")
    return para


def entry_item(
    document: docutils.nodes.document,
    key: str,
    anchor: str,
    entries: dict[str, docutils.nodes.Element],
    references_of: str | None = None,
) -> docutils.nodes.list_item:
    """The list item of the entry *key*, at *anchor*; noted in *entries* (by key) for
    sphinxcontrib-bibtex, which links citations of the entry to it. A work by
    others is in the references of the page *references_of*."""
    item = docutils.nodes.list_item(ids=[anchor], classes=[ENTRY_CLASS])
    document.note_explicit_target(item, item)
    item += pending_entry(key=key, references_of=references_of)
    entries[key] = docutils.nodes.target(ids=[anchor])  # (kept with the env)
    return item


class ListingDirective(SphinxDirective):
    """A directive that lists papers of refs.bib (which it notes as a dependency)."""

    has_content = False

    def library(self) -> Library:
        for bibfile in cite_domain(self.env).bibdata.bibfiles:
            self.env.note_dependency(str(bibfile))
        return research_domain(self.env).library


class PublicationListDirective(ListingDirective):
    """All papers of refs.bib in year sections, newest year first."""

    def run(self) -> list[docutils.nodes.Node]:
        library = self.library()
        result: list[docutils.nodes.Node] = [legend(), *self.download_links()]
        entries: dict[str, docutils.nodes.Element] = {}
        for year in library.years():
            section = docutils.nodes.section(ids=[str(year)], names=[str(year)])
            self.state.document.note_implicit_target(section, section)
            section += docutils.nodes.title(str(year), str(year))
            papers = docutils.nodes.bullet_list(
                classes=[LIST_CLASS], docname=self.env.docname, entry_list="papers"
            )
            for key in library.newest_first():
                if library.facts(key).date.year == year:
                    papers += entry_item(self.state.document, key, library.slug(key), entries)
            section += papers
            result.append(section)
        where = BibliographyKey(self.env.docname, LIST_BIBLIOGRAPHY_ID)
        style = self.config.bibtex_default_style
        register_bibliography(cite_domain(self.env), where, self.lineno, style, entries)
        return result

    def file_link(self, text: str, target: str) -> docutils.nodes.paragraph:
        """``text name``: a link to a file the build writes (*target*, in the output)."""
        uri = posixpath.relpath(target, posixpath.dirname(self.env.docname) or ".")
        para = docutils.nodes.paragraph(classes=["pub-download"])
        para += docutils.nodes.Text(text)
        name = posixpath.basename(target)
        para += docutils.nodes.reference(name, name, refuri=uri)
        return para

    def download_links(self) -> list[docutils.nodes.Element]:
        """The clean ``.bib`` of every paper, and the feed of new ones (web pages only)."""
        bibtex = self.file_link(
            "All entries as BibTeX: ", self.config.research_site_bibtex_download
        )
        feed = self.file_link("New papers as an Atom feed: ", feed_path(self.config))
        return [only_in(DOWNLOADS, bibtex), only_in(PAPER_PAGES, feed)]


class SelectedPublicationsDirective(ListingDirective):
    """The papers marked ``selected = {true}``, newest first, in the list's style."""

    def run(self) -> list[docutils.nodes.Node]:
        library = self.library()
        items = docutils.nodes.bullet_list(classes=[SELECTED_CLASS])
        for key in library.newest_first():
            if library.facts(key).selected:
                items += docutils.nodes.list_item("", pending_entry(key=key, labelled=True))
        return [legend(), items] if items.children else []
