"""``owner``: who the owner is, under the name on the home page.

The position, affiliation and advisor, then the links the owner set in
conf.py (homepage, Google Scholar, ORCID, GitHub, e-mail), as one line. The
PDF's title block (:mod:`..latex.titleblock`) and the home page's ``Person``
JSON-LD (:mod:`..pages.metadata`) read the same settings.
"""

from __future__ import annotations

import docutils.nodes
from sphinx.util.docutils import SphinxDirective

from ..config import contact_links
from .entries import LINK_SEPARATOR

#: The classes of the two lines.
POSITION_CLASS, LINKS_CLASS = "owner-position", "owner-links"


def position_text(position: str, affiliation: str, advisor: str) -> str:
    """``Ph.D. candidate, School. Advisor: Name.``: the parts that are set."""
    text = ", ".join(part for part in (position, affiliation) if part)
    if advisor:
        text = f"{text}. Advisor: {advisor}" if text else f"Advisor: {advisor}"
    return f"{text}." if text and not text.endswith(".") else text


class OwnerDirective(SphinxDirective):
    """The owner's position and links, from conf.py."""

    has_content = False

    def run(self) -> list[docutils.nodes.Node]:
        config = self.config
        result: list[docutils.nodes.Node] = []
        text = position_text(
            config.research_site_owner_position,
            config.research_site_owner_affiliation,
            config.research_site_owner_advisor,
        )
        if text:
            result.append(docutils.nodes.paragraph(text, text, classes=[POSITION_CLASS]))
        links = docutils.nodes.paragraph(classes=[LINKS_CLASS])
        for n, (label, url) in enumerate(contact_links(config)):
            if n:
                links += docutils.nodes.Text(LINK_SEPARATOR)
            links += docutils.nodes.reference(label, label, refuri=url)
        return result + ([links] if links.children else [])
