""" "Discussed in": from each entry back to the research sections that cite it.

While pages are read, an environment collector notes, for every ``{cite}``
citation, the keys and the section that holds it. When the publication list is
written, each entry gets links to those sections, grouped by page, in toctree
order. Nothing is typed by hand; an entry cited nowhere gets no line.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, NamedTuple

import docutils.nodes
from sphinx.addnodes import pending_xref
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util.nodes import make_refnode
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import get_docnames

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class Place(NamedTuple):
    """A section that cites an entry."""

    docname: str
    section_id: str
    title: str
    top: bool  # the page's own (first-level) section


def _section_of(node: docutils.nodes.Node) -> docutils.nodes.section | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, docutils.nodes.section):
        parent = parent.parent
    return parent


class CitationPlacesCollector(EnvironmentCollector):
    """Collects ``env.research_site_places``: docname -> [(key, Place)]."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        places(env).pop(docname, None)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        for docname in docnames:
            if docname in places(other):
                places(env)[docname] = places(other)[docname]

    def process_doc(self, app: Sphinx, doctree: docutils.nodes.document) -> None:
        found: list[tuple[str, Place]] = []
        for ref in doctree.findall(pending_xref):
            if ref.get("refdomain") != "cite":
                continue
            section = _section_of(ref)
            if section is None or not section["ids"]:
                continue
            place = Place(
                docname=app.env.docname,
                section_id=section["ids"][0],
                title=section[0].astext(),
                top=isinstance(section.parent, docutils.nodes.document),
            )
            for target in parse_citation_targets(ref["reftarget"]):
                if (target.key, place) not in found:
                    found.append((target.key, place))
        if found:
            places(app.env)[app.env.docname] = found
        else:
            places(app.env).pop(app.env.docname, None)


def places(env: BuildEnvironment) -> dict[str, list[tuple[str, Place]]]:
    """The collected citation places (created on first use)."""
    if not hasattr(env, "research_site_places"):
        env.research_site_places = {}  # type: ignore[attr-defined]
    return env.research_site_places  # type: ignore[attr-defined]


def places_by_key(env: BuildEnvironment) -> dict[str, list[Place]]:
    """Sections citing each key (lower case), in toctree order, then order within each page."""
    collected = places(env)
    found: dict[str, list[Place]] = {}
    for docname in get_docnames(env):
        for cited, place in collected.get(docname, []):
            found.setdefault(cited.lower(), []).append(place)
    return found


def page_titles(env: BuildEnvironment) -> dict[str, str]:
    """Each page's title as text (for pages whose own section cites nothing)."""
    return {name: node.astext() for name, node in env.titles.items()}


#: The class of an entry's "Discussed in" line.
DISCUSSED_CLASS = "pub-discussed"


def discussed_parts(cited_in: Iterable[Place], titles: dict[str, str]) -> list[str | Place] | None:
    """``Discussed in: Page (Section, Section); Page`` as texts and places to link, in order.

    A page's title links to its top section when that section cites the entry
    itself; otherwise it is plain text before the sections that do. None when
    nothing cites the entry.
    """
    by_page: dict[str, list[Place]] = {}
    for place in cited_in:
        by_page.setdefault(place.docname, []).append(place)
    if not by_page:
        return None
    parts: list[str | Place] = ["Discussed in: "]
    for n, (docname, page_places) in enumerate(by_page.items()):
        if n:
            parts.append("; ")
        top = next((p for p in page_places if p.top), None)
        parts.append(top if top else titles.get(docname, docname))
        subsections = [p for p in page_places if not p.top]
        if subsections:
            parts.append(" (")
            for m, place in enumerate(subsections):
                if m:
                    parts.append(", ")
                parts.append(place)
            parts.append(")")
    return parts


def discussed_in(
    builder: Builder, fromdocname: str, cited_in: Iterable[Place], titles: dict[str, str]
) -> docutils.nodes.paragraph | None:
    """The "Discussed in" line (:func:`discussed_parts`), every title a link."""
    parts = discussed_parts(cited_in, titles)
    if parts is None:
        return None
    para = docutils.nodes.paragraph(classes=[DISCUSSED_CLASS])
    for part in parts:
        if isinstance(part, str):
            para += docutils.nodes.Text(part)
        else:
            para += _link(builder, fromdocname, part)
    return para


def _link(builder: Builder, fromdocname: str, place: Place) -> docutils.nodes.Element:
    text = docutils.nodes.inline(place.title, place.title)
    return make_refnode(builder, fromdocname, place.docname, place.section_id, text)


def setup(app: Sphinx) -> None:
    """Register the collector."""
    app.add_env_collector(CitationPlacesCollector)
