"""Re-render bibliography entries with their named parts kept.

sphinxcontrib-bibtex's BibliographyTransform (priority 5) fills each citation
with a paragraph rendered by the stock backend, which drops the style's
``pub-*`` tags. This post-transform runs right after it and renders the same
formatted entry (formatted once, in the domain) with :mod:`.backend`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import docutils.nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .backend import entry_paragraph

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.domain import BibtexDomain, Citation


def citations_of(domain: BibtexDomain, docname: str) -> dict[str, Citation]:
    """The domain's citations placed in *docname*, by citation node id."""
    return {
        citation.citation_id: citation
        for citation in domain.citations
        if citation.bibliography_key.docname == docname
    }


class EntryPartsTransform(SphinxPostTransform):
    """Give every bibliography entry its classed parts."""

    default_priority = 6  # after sphinxcontrib-bibtex's BibliographyTransform (5)

    def run(self, **kwargs: Any) -> None:
        domain = cast("BibtexDomain", self.env.get_domain("cite"))
        by_id: dict[str, Citation] | None = None
        for node in self.document.findall(docutils.nodes.citation):
            if by_id is None:
                by_id = citations_of(domain, node.get("docname", self.env.docname))
            citation = by_id.get(node["ids"][0]) if node["ids"] else None
            if citation is None:
                continue
            old = next(iter(node.findall(docutils.nodes.paragraph)))
            old.replace_self(entry_paragraph(citation.formatted_entry))


def setup(app: Sphinx) -> None:
    """Register the transform."""
    app.add_post_transform(EntryPartsTransform)
