"""Works by others: a "References" section on each page that cites them, added when the
page is read and registered like the publication list; anchors ``ref-<slug>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import docutils.nodes
from sphinx.addnodes import pending_xref
from sphinx.transforms import SphinxTransform
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from ..adapter import register_bibliography
from .domain import cite_domain, research_domain
from .publications import LIST_CLASS, entry_item
from .references import REFERENCES_ID, BibliographyKey

if TYPE_CHECKING:
    from sphinx.config import Config

#: The class of a page's list of references, and the title of its section.
REFERENCES_CLASS, REFERENCES_TITLE = "pub-references", "References"


def allow_a_work_on_several_pages(app: object, config: Config) -> None:
    """Each citing page lists the works it cites, so one work may be in several lists.

    sphinxcontrib-bibtex warns about any key listed twice ("duplicate citation",
    its documented advice is to suppress it); it resolves a citation to the
    list of the citing page first, which is the point of per-page references.
    """
    if "bibtex.duplicate_citation" not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, "bibtex.duplicate_citation"]


class CitedWorksSection(SphinxTransform):
    """Add a "References" section listing the works by others the page cites."""

    # after parsing; before the domains (850) and doctree-read (880, the toctree collector)
    default_priority = 840

    def apply(self, **kwargs: Any) -> None:
        domain, library = cite_domain(self.env), research_domain(self.env).library
        citations = [
            ref for ref in self.document.findall(pending_xref) if ref.get("refdomain") == "cite"
        ]
        if not citations:
            return
        for bibfile in domain.bibdata.bibfiles:  # which entries are works depends on it
            self.env.note_dependency(str(bibfile))
        works: list[str] = []
        for ref in citations:
            for target in parse_citation_targets(ref["reftarget"]):
                entry = library.data.entries.get(target.key)
                if entry is not None and not library.is_paper(entry.key) and entry.key not in works:
                    works.append(entry.key)
        top = next(iter(self.document.findall(docutils.nodes.section)), None)
        if not works or top is None:
            return
        docname = self.env.docname
        section = docutils.nodes.section(
            names=[REFERENCES_TITLE.lower()], classes=[REFERENCES_CLASS]
        )
        self.document.note_implicit_target(section, section)
        section += docutils.nodes.title(REFERENCES_TITLE, REFERENCES_TITLE)
        items = docutils.nodes.bullet_list(
            classes=[LIST_CLASS, REFERENCES_CLASS], docname=docname, entry_list="references"
        )
        entries: dict[str, docutils.nodes.Element] = {}
        for key in sorted(works, key=lambda key: library.identity(key).sort_key):
            anchor = f"ref-{library.slug(key)}"
            items += entry_item(self.document, key, anchor, entries, references_of=docname)
        section += items
        top += section
        where = BibliographyKey(docname, REFERENCES_ID)
        style = self.config.bibtex_default_style
        line = citations[0].line or 1
        register_bibliography(domain, where, line, style, entries)
