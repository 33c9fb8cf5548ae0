"""``owner``: who the owner is, under the name on the home page.

The position, affiliation and advisor, then the links the owner set in
conf.py (homepage, Google Scholar, ORCID, GitHub, e-mail), as one line. The
PDF's title block (:mod:`..latex.titleblock`) and the home page's ``Person``
JSON-LD (:mod:`..pages.metadata`) read the same settings.
"""

from __future__ import annotations

import docutils.nodes
from sphinx.util.docutils import SphinxDirective

from ..bib.links import Link
from ..config import contact_links, owner_position
from .entries import link_paragraph

#: The classes of the two lines.
POSITION_CLASS, LINKS_CLASS = "owner-position", "owner-links"


class OwnerDirective(SphinxDirective):
    """The owner's position and links, from conf.py."""

    has_content = False

    def run(self) -> list[docutils.nodes.Node]:
        result: list[docutils.nodes.Node] = []
        text = owner_position(self.config)
        if text:
            result.append(docutils.nodes.paragraph(text, text, classes=[POSITION_CLASS]))
        links = contact_links(self.config)
        paragraph = link_paragraph([Link(label, url) for label, url in links], LINKS_CLASS)
        return result + ([paragraph] if links else [])
