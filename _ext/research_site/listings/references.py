"""The site's papers in sphinxcontrib-bibtex: one bibliography, and the numbers linking to it.

The publication list registers one bibliography of the owner's papers with
sphinxcontrib-bibtex's domain, as its ``bibliography`` directive does, with
the entries' own anchors; a page that cites works by others registers one of
them (:mod:`.cited_works`). sphinxcontrib-bibtex then formats each entry once
(``env-updated``) and resolves every citation of it in the prose, to the list
of the citing page first. The site's
listings (the selected papers, the co-author index) show papers by number,
each linking to its entry in the list (:func:`numbers_reference`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import docutils.nodes
from sphinx.addnodes import pending_xref
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain, Citation

#: The ids of the publication list's bibliography, and of a page's references.
LIST_BIBLIOGRAPHY_ID, REFERENCES_ID = "publication-list", "references"


def register_bibliography(
    domain: BibtexDomain,
    where: BibliographyKey,
    line: int,
    style: str,
    bibfiles: list[Path],
    entry_nodes: dict[str, docutils.nodes.Element],
) -> None:
    """Register a list of entries: every key of *entry_nodes*, at its node's id."""
    domain.bibliographies[where] = BibliographyValue(
        line=line,
        bibfiles=bibfiles,
        style=style,
        list_="citation",  # the list type whose entries citations resolve to
        enumtype="arabic",
        start=1,
        labelprefix="",
        keyprefix="",
        filter_=ast.parse("False"),  # no entry by filter: exactly the keys below
        citation_nodes=entry_nodes,
        keys=list(entry_nodes),
    )


def formatted_citations(domain: BibtexDomain, where: BibliographyKey | str) -> dict[str, Citation]:
    """The formatted citations of one list (*where*: its key, or the id of lists on any page)."""
    return {
        citation.key: citation
        for citation in domain.citations
        if citation.bibliography_key == where or citation.bibliography_key.id_ == where
    }


def list_citations(domain: BibtexDomain) -> dict[str, Citation]:
    """The publication list's formatted citations, by key."""
    return formatted_citations(domain, LIST_BIBLIOGRAPHY_ID)


def list_docname(domain: BibtexDomain) -> str | None:
    """The page that holds the publication list."""
    return next(
        (key.docname for key in domain.bibliographies if key.id_ == LIST_BIBLIOGRAPHY_ID), None
    )


#: The cross-reference type of paper numbers (resolved by the site's domain).
NUMBERS = "numbers"


def numbers_reference(keys: Iterable[str]) -> pending_xref:
    """The numbers of the papers *keys* (``[3, 7]``), each linking to its entry in the list.

    Not a citation: no "Discussed in" line counts it, and it has no tooltip.
    """
    target = ",".join(keys)
    ref = pending_xref(target, refdomain="research", reftype=NUMBERS, reftarget=target)
    ref += docutils.nodes.inline(target, target)
    return ref
