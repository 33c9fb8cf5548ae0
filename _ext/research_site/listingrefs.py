"""The labels of the site's listings: ``research:listing`` references.

The co-author index and the selected papers show entries as labels (``[3, 7]``)
linking to the publication list. Resolved by sphinxcontrib-bibtex's domain,
each one scans every citation, renders each tooltip and runs the reference
template per label: at thousands of entries the co-author index alone took
seconds. The directives make these references in this small domain instead.
For HTML builders it resolves them from an index of the citations built once
per page, each tooltip rendered once, laid out as the site's reference style
(:mod:`.referencing`) lays out a parenthetical citation: ``[``, labels in
ascending order separated by ``,``, ``]`` (for the ``html`` builder, written
straight to HTML as :mod:`.entryhtml` writes entries). Anything else (other builders,
another reference style, ``research_site_caches = False``, a key not found) goes
to sphinxcontrib-bibtex's own resolution; the tests compare the two outputs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

import docutils.nodes
from pybtex.plugin import find_plugin
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from .entryhtml import Markup, fragment, html_fragment, link_html, writes_entry_html
from .referencing import REFERENCE_STYLE_NAME, label_sort_key

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain, Citation

DOMAIN = "research"
LISTING = "listing"


def listing_reference(keys: Iterable[str], **attributes: Any) -> pending_xref:
    """A reference to the entries *keys*, shown as their labels."""
    target = ",".join(keys)
    ref = pending_xref(
        target, refdomain=DOMAIN, reftype=LISTING, reftarget=target, refwarn=True, **attributes
    )
    ref += docutils.nodes.inline(target, target)
    return ref


class CitationIndex:
    """The bibliography citations by key, as sphinxcontrib-bibtex finds them from one page."""

    def __init__(self, domain: BibtexDomain, fromdocname: str) -> None:
        self.fromdocname = fromdocname
        self.by_key: dict[str, Citation] = {}
        local: dict[str, Citation] = {}
        for citation in domain.citations:
            if domain.bibliographies[citation.bibliography_key].list_ != "citation":
                continue
            if citation.bibliography_key.docname == fromdocname:
                local.setdefault(citation.key, citation)
            self.by_key.setdefault(citation.key, citation)
        self.by_key.update(local)  # a citation on the same page comes first, as in the domain
        self.plaintext = find_plugin("pybtex.backends", "plaintext")()
        self.tooltips: dict[str, str | None] = {}
        self.uris: dict[str, str] = {}

    def uri(self, builder: Builder, todocname: str) -> str:
        """The relative URI of *todocname* from the index's page."""
        if todocname not in self.uris:
            self.uris[todocname] = builder.get_relative_uri(self.fromdocname, todocname)
        return self.uris[todocname]

    def target(self, builder: Builder, citation: Citation) -> str:
        """Where a label links: as sphinx.util.nodes.make_refnode links, the URI worked out once."""
        todocname = citation.bibliography_key.docname
        if todocname == self.fromdocname:
            return f"#{citation.citation_id}"
        return f"{self.uri(builder, todocname)}#{citation.citation_id}"

    def tooltip(self, citation: Citation) -> str | None:
        """The reference's title: the tooltip entry as plain text, rendered once per key."""
        if citation.key not in self.tooltips:
            tooltip = citation.tooltip_entry
            self.tooltips[citation.key] = (
                tooltip.text.render(self.plaintext).replace("\\url ", "") if tooltip else None
            )
        return self.tooltips[citation.key]


class ListingDomain(Domain):
    """References to entries by label, made by the site's directives (no role, no objects)."""

    name = DOMAIN
    label = "Research site"

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.indexes: dict[str, CitationIndex] = {}  # by page, until the citations change

    def clear_doc(self, docname: str) -> None:
        """Nothing is kept per document."""

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Nothing is kept per document."""

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
        cite = cast("BibtexDomain", env.get_domain("cite"))
        fast = (
            builder.format == "html"
            and env.config.research_site_caches
            and env.config.bibtex_reference_style == REFERENCE_STYLE_NAME
        )
        resolved = self.labels(cite, builder, fromdocname, target) if fast else None
        if resolved is None:
            return cite.resolve_xref(env, fromdocname, builder, "p", target, node, contnode)
        return resolved

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: docutils.nodes.Element,
    ) -> list[tuple[str, docutils.nodes.reference]]:
        """Nothing: the ``any`` role does not reach listings (they have no role)."""
        return []

    def index(self, cite: BibtexDomain, fromdocname: str) -> CitationIndex:
        if fromdocname not in self.indexes:
            self.indexes[fromdocname] = CitationIndex(cite, fromdocname)
        return self.indexes[fromdocname]

    def labels(
        self, cite: BibtexDomain, builder: Builder, fromdocname: str, target: str
    ) -> docutils.nodes.Element | None:
        """``[3, 7]`` linking to the entries; None if a key is not in a bibliography."""
        index = self.index(cite, fromdocname)
        citations: dict[str, Citation] = {}
        for reference in parse_citation_targets(target):
            citation = index.by_key.get(reference.key)
            if citation is None or reference.pre or reference.post:
                return None
            citations[reference.key] = citation
        ordered = sorted(citations.values(), key=lambda c: label_sort_key(c.formatted_entry.label))
        links = [
            (
                index.target(builder, citation),
                citation.formatted_entry.label,
                index.tooltip(citation),
            )
            for citation in ordered
        ]
        if writes_entry_html(builder.name, self.env.config):
            return labels_html(links)
        result = docutils.nodes.inline(rawsource=target, classes=[CITATION_CLASS])
        result += docutils.nodes.Text("[")
        for n, (uri, label, title) in enumerate(links):
            if n:
                result += docutils.nodes.Text(", ")
            ref = docutils.nodes.reference("", "", internal=True)
            if uri.startswith("#"):
                ref["refid"] = uri[1:]
            else:
                ref["refuri"] = uri
            if title:
                ref["reftitle"] = title
            ref += docutils.nodes.Text(label)
            result += ref
        result += docutils.nodes.Text("]")
        return result


#: The class sphinxcontrib-bibtex gives a citation's labels.
CITATION_CLASS = "bibtex-citation"


@lru_cache(maxsize=16384)
def label_link(uri: str, label: str, title: str | None) -> Markup:
    """One label's link, written once: a paper recurs across the co-author index."""
    return link_html(uri, Markup.text(label), internal=True, title=title)


def labels_html(links: list[tuple[str, str, str | None]]) -> html_fragment:
    """The labels (``[3, 7]``, each linking to its entry) as Sphinx writes their nodes."""
    parts = [Markup.text("[")]
    for n, (uri, label, title) in enumerate(links):
        if n:
            parts.append(Markup.text(", "))
        parts.append(label_link(uri, label, title))
    parts.append(Markup.text("]"))
    markup = Markup.join(parts).wrapped(f'<span class="{CITATION_CLASS}">', "</span>")
    node = fragment(markup)
    node["classes"] = [CITATION_CLASS]  # text left out of page descriptions, as the labels'
    return node


def forget_indexes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """sphinxcontrib-bibtex works out the citations anew on ``env-updated``."""
    cast("ListingDomain", env.get_domain(DOMAIN)).indexes.clear()
    return []


def setup(app: Sphinx) -> None:
    """Register the domain."""
    app.add_domain(ListingDomain)
    app.connect("env-updated", forget_indexes)
