"""The publication list by year, and the home page's selected papers.

``publication-list`` makes one section per year of refs.bib, newest first, with
the stable anchor ``#<year>``, each holding that year's entries (cite targets
``#<key>``) of one sphinxcontrib-bibtex bibliography of all entries. Nothing about a paper is typed
in a page: years, entries, labels and order all come from refs.bib.

A download of the whole clean bibliography (:mod:`.cleanbib`) is written next
to the list at the end of an HTML build and linked above the list.

``selected-publications`` lists the entries whose ``selected`` field is true,
each led by its citation label linking to the entry in the full list.
"""

from __future__ import annotations

import ast
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import docutils.nodes
from docutils.nodes import make_id
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from sphinx.addnodes import only
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node

from .annotations import legend_items
from .backend import entry_paragraph
from .cleanbib import bibtex_file
from .freshness import bib_changed
from .listingrefs import listing_reference

if TYPE_CHECKING:
    from pybtex.style.formatting import BaseStyle
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: The id of the list's one bibliography (its container is emptied into the years).
LIST_BIBLIOGRAPHY_ID = "publication-list"

#: The field that puts a paper on the home page.
SELECTED_FIELD = "selected"


def cite_domain(directive: SphinxDirective) -> BibtexDomain:
    """sphinxcontrib-bibtex's domain (it holds the parsed refs.bib)."""
    return cast("BibtexDomain", directive.env.get_domain("cite"))


def bib_entries(directive: SphinxDirective) -> tuple[list[Path], list[Entry]]:
    """The configured bib files and their entries, noting them as dependencies."""
    domain = cite_domain(directive)
    bibfiles = list(domain.bibdata.bibfiles)
    for bibfile in bibfiles:
        directive.env.note_dependency(str(bibfile))
    return bibfiles, list(domain.get_entries(bibfiles))


def legend() -> docutils.nodes.paragraph:
    """``* equal contribution, † project lead``, from the known annotations."""
    para = docutils.nodes.paragraph(classes=["pub-legend"])
    for n, (symbol, meaning) in enumerate(legend_items()):
        if n:
            para += docutils.nodes.Text(", ")
        para += docutils.nodes.superscript(symbol, symbol)
        para += docutils.nodes.Text(f"\u00a0{meaning}")
    return para


class year_entries(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """Where a year's entries go, until :class:`EntriesByYear` puts them there."""


class PublicationListDirective(SphinxDirective):
    """All entries of refs.bib in year sections, newest year first."""

    has_content = False

    def run(self) -> list[docutils.nodes.Node]:
        bibfiles, entries = bib_entries(self)
        years = sorted({entry.fields["year"] for entry in entries}, key=int, reverse=True)
        result: list[docutils.nodes.Node] = [
            legend(),
            self.download_link(),
            self.bibliography(bibfiles, entries),
        ]
        for year in years:
            section = docutils.nodes.section(ids=[year], names=[year])
            self.state.document.note_implicit_target(section, section)
            section += docutils.nodes.title(year, year)
            section += year_entries(year=year, ids=[f"bibliography-{year}"])
            result.append(section)
        return result

    def download_link(self) -> only:
        """A link to the clean ``.bib`` download (HTML only: EPUB and PDF have no such file)."""
        target = self.config.research_site_bibtex_download
        uri = posixpath.relpath(target, posixpath.dirname(self.env.docname) or ".")
        para = docutils.nodes.paragraph(classes=["pub-download"])
        para += docutils.nodes.Text("All entries as BibTeX: ")
        para += docutils.nodes.reference(
            posixpath.basename(target), posixpath.basename(target), refuri=uri
        )
        node = only(expr="html and not epub")
        node += para
        return node

    def bibliography(self, bibfiles: list[Path], entries: list[Entry]) -> bibliography_node:
        """One bibliography node of all entries, registered with sphinxcontrib-bibtex.

        One bibliography, not one per year: sphinxcontrib-bibtex filters every
        entry against every citation once per bibliography on each build.
        Every entry has exactly one anchor, ``#<key>``.
        """
        document = self.state.document
        node = bibliography_node("", docname=self.env.docname, ids=[LIST_BIBLIOGRAPHY_ID])
        document.note_explicit_target(node, node)
        citation_nodes: dict[str, docutils.nodes.Element] = {}
        for entry in entries:
            citation = docutils.nodes.citation(ids=[make_id(entry.key)])
            document.note_explicit_target(citation, citation)
            citation_nodes[entry.key] = citation
        domain = cite_domain(self)
        domain.bibliographies[BibliographyKey(self.env.docname, node["ids"][0])] = (
            BibliographyValue(
                line=self.lineno,
                bibfiles=bibfiles,
                style=self.config.bibtex_default_style,
                list_="citation",
                enumtype="arabic",
                start=1,
                labelprefix="",
                keyprefix="",
                filter_=ast.parse("True"),
                citation_nodes=citation_nodes,
                keys=[],
            )
        )
        return node


class EntriesByYear(SphinxPostTransform):
    """Move the list's entries, once sphinxcontrib-bibtex has filled them, into their years.

    Runs after the bibliography transform (:mod:`.backend`, priority 4) and
    before references are resolved (10); each year gets the list's container
    of citations with that year's entries, in the style's order.
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(year_entries))
        if not placeholders:
            return
        domain = cast("BibtexDomain", self.env.get_domain("cite"))
        year_of = {
            citation.citation_id: citation.entry.fields["year"]
            for citation in domain.citations
            if citation.bibliography_key.id_ == LIST_BIBLIOGRAPHY_ID
        }
        by_year: dict[str, list[docutils.nodes.Node]] = {}
        for citation in list(self.document.findall(docutils.nodes.citation)):
            year = year_of.get(citation["ids"][0]) if citation["ids"] else None
            if year is not None and isinstance(citation.parent, docutils.nodes.container):
                citation.parent.remove(citation)
                by_year.setdefault(year, []).append(citation)
        for container in list(self.document.findall(docutils.nodes.container)):
            if LIST_BIBLIOGRAPHY_ID in container["ids"] and not container.children:
                container.parent.remove(container)
        for placeholder in placeholders:
            entries = docutils.nodes.container(ids=placeholder["ids"])
            entries.extend(by_year.get(placeholder["year"], []))
            placeholder.replace_self(entries)


class SelectedPublicationsDirective(SphinxDirective):
    """The entries marked ``selected = {true}``, newest first, same style."""

    has_content = False

    def run(self) -> list[docutils.nodes.Node]:
        _, entries = bib_entries(self)
        style: BaseStyle = find_plugin(
            "pybtex.style.formatting", self.config.bibtex_default_style
        )()
        chosen = [
            entry
            for entry in entries
            if entry.fields.get(SELECTED_FIELD, "").strip().lower() == "true"
        ]
        items = docutils.nodes.bullet_list(classes=["pub-selected"])
        for formatted in style.format_entries(chosen):
            para = entry_paragraph(formatted)
            para.insert(0, docutils.nodes.Text(" "))
            # ``[18]`` linking to the entry
            para.insert(0, listing_reference([formatted.key], support_smartquotes=False))
            items += docutils.nodes.list_item("", para)
        return [legend(), items]


def write_clean_bibliography(app: Sphinx, exception: Exception | None) -> None:
    """Write every entry's clean record to the download file of an HTML build.

    Written again only when refs.bib's content changed, or the file is missing.
    """
    if exception is not None or app.builder.name not in {"html", "dirhtml", "singlehtml"}:
        return
    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    target = Path(app.outdir, app.config.research_site_bibtex_download)
    if target.is_file() and not bib_changed(app):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bibtex_file(domain.bibdata.data.entries.values()), encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Register the directives, the download's setting and its writer."""
    app.add_config_value(
        "research_site_bibtex_download", "publications/publications.bib", "env", types=[str]
    )
    app.connect("build-finished", write_clean_bibliography)
    app.add_directive("publication-list", PublicationListDirective)
    app.add_node(year_entries)
    app.add_post_transform(EntriesByYear)
    app.add_directive("selected-publications", SelectedPublicationsDirective)
