"""The site's entries in sphinxcontrib-bibtex: one bibliography, and references to it.

The publication list registers one bibliography of the owner's papers with
sphinxcontrib-bibtex's domain, as its ``bibliography`` directive does, with
the entries' own anchors. sphinxcontrib-bibtex then formats each paper once
(``env-updated``) and resolves every citation of it: in the prose, and the
labels the site's listings show (:func:`label_reference`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils.nodes
from sphinx.addnodes import pending_xref
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain, Citation

#: The id of the publication list's bibliography.
LIST_BIBLIOGRAPHY_ID = "publication-list"


def register_list(
    domain: BibtexDomain,
    docname: str,
    line: int,
    style: str,
    bibfiles: list[Path],
    entry_nodes: dict[str, docutils.nodes.Element],
) -> None:
    """Register the publication list: every key of *entry_nodes*, at its node's id."""
    domain.bibliographies[BibliographyKey(docname, LIST_BIBLIOGRAPHY_ID)] = BibliographyValue(
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


def list_citations(domain: BibtexDomain) -> dict[str, Citation]:
    """The publication list's formatted citations, by key."""
    return {
        citation.key: citation
        for citation in domain.citations
        if citation.bibliography_key.id_ == LIST_BIBLIOGRAPHY_ID
    }


def list_docname(domain: BibtexDomain) -> str | None:
    """The page that holds the publication list."""
    return next(
        (key.docname for key in domain.bibliographies if key.id_ == LIST_BIBLIOGRAPHY_ID), None
    )


def label_reference(keys: Iterable[str], **attributes: Any) -> pending_xref:
    """The labels of *keys* (``[3, 7]``), each linking to its entry, as a citation shows them.

    A reference of the ``cite`` domain, resolved by sphinxcontrib-bibtex with
    the site's referencing style. It is not a citation in the prose: it is not
    in sphinxcontrib-bibtex's ``citation_refs``, so no "Discussed in" line and
    no ``cited`` filter counts it.
    """
    target = ",".join(keys)
    ref = pending_xref(
        target, refdomain="cite", reftype="p", reftarget=target, refwarn=True, **attributes
    )
    ref += docutils.nodes.inline(target, target)
    return ref
