"""The site's domain: the section of every citation (for "Discussed in"), links to paper
pages and citing sections, and the build's :class:`~..bib.library.Library`.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import docutils.nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri
from sphinxcontrib.bibtex.domain import get_docnames

from ..bib.library import Library
from ..bib.links import Link
from ..bib.names import OwnerName
from ..config import attachment_path, paper_pagename
from ..outputs import DOWNLOADS, PAPER_PAGES, gets
from ..styles.formatting import bind
from .references import NUMBERS, list_docname

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain


class Place(NamedTuple):
    """A section that cites an entry."""

    docname: str
    section_id: str
    title: str
    top: bool  # the page's own (first-level) section


def cite_domain(env: BuildEnvironment) -> BibtexDomain:
    """sphinxcontrib-bibtex's domain: the parsed bib files, bibliographies and citations."""
    return cast("BibtexDomain", env.get_domain("cite"))


def research_domain(env: BuildEnvironment) -> ResearchDomain:
    return cast("ResearchDomain", env.get_domain(ResearchDomain.name))


#: The kinds of cross-reference the domain resolves (and ``NUMBERS``, of :mod:`.references`).
PAPER, SECTION, ATTACHMENT = "paper", "section", "attachment"

#: The class of the paper numbers a listing shows.
NUMBERS_CLASS = "pub-numbers"


def paper_reference(key: str, content: docutils.nodes.Element) -> pending_xref:
    """A link from *content* to the page of the paper *key* (plain *content* where none)."""
    ref = pending_xref("", refdomain="research", reftype=PAPER, reftarget=key)
    ref += content
    return ref


def attachment_reference(link: Link) -> pending_xref:
    """A link to a file of the repository an entry attaches (``link.url``: its path)."""
    ref = pending_xref("", refdomain="research", reftype=ATTACHMENT, reftarget=link.url)
    ref += docutils.nodes.inline(link.text, link.text)
    return ref


def section_reference(place: Place) -> pending_xref:
    """A link to a section that cites a paper, showing the section's title."""
    target = f"{place.docname}#{place.section_id}"
    ref = pending_xref("", refdomain="research", reftype=SECTION, reftarget=target)
    ref += docutils.nodes.inline(place.title, place.title)
    return ref


def enclosing_section(node: docutils.nodes.Node) -> docutils.nodes.section | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, docutils.nodes.section):
        parent = parent.parent
    return parent


class ResearchDomain(Domain):
    """Citation places by page, and the library of the current build."""

    name = "research"
    label = "Research site"
    data_version = 1
    initial_data = {"places": {}}  # docname -> [(key, Place), ...]

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._library: Library | None = None

    @property
    def places(self) -> dict[str, list[tuple[str, Place]]]:
        return self.data["places"]

    def clear_doc(self, docname: str) -> None:
        self.places.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames & otherdata["places"].keys():
            self.places[docname] = otherdata["places"][docname]

    def process_doc(
        self, env: BuildEnvironment, docname: str, document: docutils.nodes.document
    ) -> None:
        """Note the section of every citation of *docname* (in order, once per key)."""
        found: list[tuple[str, Place]] = []
        for ref in cite_domain(env).citation_refs:
            node = document.ids.get(ref.citation_ref_id) if ref.docname == docname else None
            section = enclosing_section(node) if node is not None else None
            if section is None or not section["ids"]:
                continue
            place = Place(
                docname,
                section["ids"][0],
                section[0].astext(),
                isinstance(section.parent, docutils.nodes.document),
            )
            found += [(t.key, place) for t in ref.targets if (t.key, place) not in found]
        if found:
            self.places[docname] = found

    def places_by_key(self) -> dict[str, list[Place]]:
        """Sections citing each key (lower case), in toctree order, then order within a page."""
        found: dict[str, list[Place]] = {}
        for docname in get_docnames(self.env):
            for key, place in self.places.get(docname, []):
                found.setdefault(key.lower(), []).append(place)
        return found

    @property
    def library(self) -> Library:
        """refs.bib's entries as the site uses them, made once per parsed bibliography."""
        data = cite_domain(self.env).bibdata.data
        if self._library is None or self._library.data is not data:
            config = self.env.config
            owner = OwnerName(config.research_site_owner, config.research_site_owner_aliases)
            limit = config.research_site_author_limit
            self._library = bind(Library(data, owner, limit))
        return self._library

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: docutils.nodes.Element,
    ) -> docutils.nodes.Element | None:
        """Links to a paper's page (its content alone without one) or to a citing section."""
        if typ == PAPER:
            if not gets(builder, PAPER_PAGES):
                return contnode
            pagename = paper_pagename(env.config, self.library.slug(target))
            return make_refnode(builder, fromdocname, pagename, "", contnode)
        if typ == ATTACHMENT:  # the site's copy; else its address online, or the label alone
            path = attachment_path(env.config, target)
            base = env.config.html_baseurl
            if gets(builder, DOWNLOADS):
                uri = relative_uri(builder.get_target_uri(fromdocname), path)
            elif base:
                uri = f"{base.rstrip('/')}/{path}"
            else:
                return contnode
            return docutils.nodes.reference("", "", contnode, refuri=uri, internal=False)
        if typ == SECTION:
            docname, _, section_id = target.partition("#")
            return make_refnode(builder, fromdocname, docname, section_id, contnode)
        if typ == NUMBERS:
            return self.numbers(builder, fromdocname, target.split(","))
        return None

    def numbers(
        self, builder: Builder, fromdocname: str, keys: list[str]
    ) -> docutils.nodes.Element | None:
        """``[3, 7]``: the papers' numbers, ascending, each linking to its entry in the list."""
        listed_in = list_docname(cite_domain(self.env))
        if listed_in is None:
            return None
        numbers = sorted((self.library.number(key) or 0, key) for key in keys)
        result = docutils.nodes.inline(classes=[NUMBERS_CLASS])
        result += docutils.nodes.Text("[")
        for n, (number, key) in enumerate(numbers):
            if n:
                result += docutils.nodes.Text(", ")
            label = docutils.nodes.Text(str(number))
            result += make_refnode(builder, fromdocname, listed_in, self.library.slug(key), label)
        result += docutils.nodes.Text("]")
        return result

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: docutils.nodes.Element,
    ) -> list[tuple[str, docutils.nodes.reference]]:
        """Nothing: the domain has no objects to refer to."""
        return []
