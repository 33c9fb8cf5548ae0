"""Which outputs get which parts of the site: the one place that decides by builder.

``html`` gets everything but printed links; ``dirhtml`` and ``singlehtml`` no paper
pages; the EPUB the web extras alone (no previews; math as text: MathML would need a
property in its OPF); LaTeX printed links alone (identifiers as text); other builders
(text, man) the web extras, as far as they can show them. Web extras are an entry's
links, its BibTeX on demand and "Discussed in".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.addnodes import only

if TYPE_CHECKING:
    import docutils.nodes
    from sphinx.builders import Builder

PAPER_PAGES, DOWNLOADS, MATHML, PREVIEWS = "paper pages", "downloads", "MathML", "previews"
WEB_EXTRAS, PRINTED_LINKS = "web extras", "printed links"

#: The parts each builder (by name) gets; builders not named get :data:`OTHERS`.
PARTS: dict[str, frozenset[str]] = {
    "html": frozenset({PAPER_PAGES, DOWNLOADS, MATHML, PREVIEWS, WEB_EXTRAS}),
    "dirhtml": frozenset({DOWNLOADS, MATHML, PREVIEWS, WEB_EXTRAS}),
    "singlehtml": frozenset({DOWNLOADS, MATHML, PREVIEWS, WEB_EXTRAS}),
    "epub": frozenset({WEB_EXTRAS}),
    "latex": frozenset({PRINTED_LINKS}),
}
OTHERS = frozenset({WEB_EXTRAS})


def gets(builder: Builder, part: str) -> bool:
    """Whether *builder*'s output has *part*."""
    return part in PARTS.get(builder.name, OTHERS)


def only_in(part: str, *children: docutils.nodes.Node) -> only:
    """*children* in the outputs that get *part*: Sphinx's ``only``, for nodes made
    before the builder is known (directives) or where it is not told (transforms)."""
    having = part in OTHERS  # name the builders that have it, or those that lack it
    names = sorted(name for name, parts in PARTS.items() if (part in parts) != having)
    expression = " or ".join(f"builder_{name}" for name in names) or "False"
    node = only(expr=f"not ({expression})" if having else expression)
    node.extend(children)
    return node
