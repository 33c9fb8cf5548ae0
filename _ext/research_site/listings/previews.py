"""A preview of every cited entry, opened from the citation (the site's script shows it on
hover, keyboard focus or tap): each citation carries the ids of its entries' previews
(:class:`.nodes.cited`), and the page ends with a hidden store of them, made of the same
nodes as the lists (web pages only, :mod:`..outputs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import docutils.nodes
from sphinx.addnodes import pending_xref
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from ..outputs import PREVIEWS, only_in
from .domain import cite_domain, research_domain
from .entries import entry_extras, entry_paragraph
from .nodes import cited, preview_store
from .references import (
    REFERENCES_ID,
    BibliographyKey,
    formatted_citations,
    list_citations,
    numbers_reference,
)

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import Citation

#: The class of one entry's preview.
PREVIEW_CLASS = "pub-preview"


class CitationPreviews(SphinxPostTransform):
    """Wrap each citation in a :class:`.nodes.cited`, and add the page's previews."""

    default_priority = 6  # after the lists' entries (5), before references resolve (10)

    def run(self, **kwargs: Any) -> None:
        refs = [r for r in self.document.findall(pending_xref) if r.get("refdomain") == "cite"]
        if not refs:
            return
        domain, library = cite_domain(self.env), research_domain(self.env).library
        papers, store, made = list_citations(domain), preview_store(), set()
        works_of: dict[str, dict[str, Citation]] = {}  # each page's references, looked up once
        for ref in refs:
            docname = ref["refdoc"]
            if docname not in works_of:
                where = BibliographyKey(docname, REFERENCES_ID)
                works_of[docname] = formatted_citations(domain, where)
            works = works_of[docname]
            keys = [target.key for target in parse_citation_targets(ref["reftarget"])]
            known = [library.identity(key) for key in keys if key in library.data.entries]
            ids = []
            for identity in sorted(known, key=lambda identity: identity.sort_key):  # as it reads
                citation = (papers if identity.is_paper else works).get(identity.key)
                if citation is None:
                    continue
                ids.append(f"preview-{identity.slug}")
                if identity.key in made:
                    continue
                made.add(identity.key)
                para = entry_paragraph(citation.formatted_entry, link_title=identity.is_paper)
                if identity.is_paper:
                    para[:0] = [numbers_reference([identity.key]), docutils.nodes.Text(" ")]
                preview = docutils.nodes.container(ids=ids[-1:], classes=[PREVIEW_CLASS])
                preview += [para, *entry_extras(library.facts(identity.key))]
                store += preview
            wrapper = cited(previews=" ".join(ids))
            ref.parent.replace(ref, wrapper)  # (replace_self would copy the citation's id)
            wrapper += ref
        if store.children:
            self.document += only_in(PREVIEWS, store)
