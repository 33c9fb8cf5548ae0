"""The publication list and each page's references as sphinxcontrib-bibtex
bibliographies, and the paper numbers the listings link to them with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import docutils.nodes
from sphinx.addnodes import pending_xref
from sphinxcontrib.bibtex.directives import BibliographyKey

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain, Citation

#: The ids of the publication list's bibliography, and of a page's references.
LIST_BIBLIOGRAPHY_ID, REFERENCES_ID = "publication-list", "references"


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
    """``[3, 7]``, each number linking to its entry in the list (not a citation: no
    "Discussed in" line counts it)."""
    target = ",".join(keys)
    ref = pending_xref(target, refdomain="research", reftype=NUMBERS, reftarget=target)
    ref += docutils.nodes.inline(target, target)
    return ref
