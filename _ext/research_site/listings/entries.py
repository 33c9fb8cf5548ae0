"""An entry as docutils nodes: the one render path of the list, the home page and paper pages.

An entry is its formatted text (the site's pybtex style, rendered by
:class:`EntryBackend` with its parts as classed inlines), its links line, its
clean BibTeX on demand and the "Discussed in" line. :class:`FillEntries` puts
them where the listing directives left a :class:`.nodes.pending_entry`, once
sphinxcontrib-bibtex has formatted the citations; the links to paper pages and
citing sections are cross-references the domain resolves for each builder
(:mod:`.domain`); Sphinx's writers do the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import docutils.nodes
import pybtex_docutils
from pybtex.style import FormattedEntry
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..bib.facts import EntryFacts
from ..bib.library import Identity
from ..bib.links import Link, printed_links
from ..bib.texts import MATH_TAG, math_plain
from ..log import warn
from ..outputs import PRINTED_LINKS, WEB_EXTRAS, only_in
from ..styles.formatting import PART_PREFIX, TITLE
from .domain import (
    Place,
    attachment_reference,
    cite_domain,
    paper_reference,
    research_domain,
    section_reference,
)
from .nodes import disclosure, pending_entry, title_math
from .references import (
    REFERENCES_ID,
    BibliographyKey,
    formatted_citations,
    list_citations,
    numbers_reference,
)

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import Citation

#: Makes the link to a citing section (a cross-reference, or a link already resolved).
SectionLink = Callable[[Place], docutils.nodes.Element]
#: Makes the link to a file of the repository an entry attaches.
AttachmentLink = Callable[[Link], docutils.nodes.Element]

#: The classes of an entry's parts beyond its text, and what stands between two links.
LABEL_CLASS, LINKS_CLASS, DISCUSSED_CLASS = "pub-label", "pub-links", "pub-discussed"
BIBTEX_CLASS, ABSTRACT_CLASS, ACTIONS_CLASS = "pub-bibtex", "pub-abstract", "pub-actions"
LINK_SEPARATOR = " \u00b7\u00a0"


class EntryBackend(pybtex_docutils.Backend):
    """pybtex-docutils' backend, keeping the style's ``pub-*`` parts as classed inlines."""

    def format_tag(
        self, tag_name: str, text: list[docutils.nodes.Node]
    ) -> list[docutils.nodes.Node]:
        if tag_name.startswith(PART_PREFIX):  # the part rides on the node, its class styles it
            return [docutils.nodes.inline("", "", *text, classes=[tag_name], part=tag_name)]
        if tag_name == MATH_TAG:
            latex = "".join(node.astext() for node in text)
            return [title_math(latex, math_plain(latex), latex=latex)]
        return super().format_tag(tag_name, text)


def part_of(para: docutils.nodes.Element, name: str) -> docutils.nodes.inline | None:
    """The part *name* (e.g. :data:`..styles.formatting.TITLE`) of an entry's text."""
    return next((n for n in para.findall(docutils.nodes.inline) if n.get("part") == name), None)


def entry_paragraph(
    formatted: FormattedEntry, link_title: bool = False
) -> docutils.nodes.paragraph:
    """The entry's text, its title linking to the paper's page when *link_title*."""
    para = EntryBackend().paragraph(formatted)
    title = part_of(para, TITLE)
    if link_title and title is not None:
        text = docutils.nodes.inline("", "", *title.children)
        title.children = []
        title += paper_reference(formatted.key, text)
    return para


def paper_label(identity: Identity) -> docutils.nodes.inline:
    """``[18]``: the paper's number, which rides on the node (``number``)."""
    label = f"[{identity.number}]"
    return docutils.nodes.inline(label, label, classes=[LABEL_CLASS], number=identity.number)


def take_title(para: docutils.nodes.paragraph) -> list[docutils.nodes.Node]:
    """Remove the title from an entry's text; its content, without the final period."""
    title = part_of(para, TITLE)
    assert title is not None, "every entry has a title"
    index = para.index(title)
    if index + 1 < len(para) and para[index + 1].astext() == " ":
        para.remove(para[index + 1])
    para.remove(title)
    content = list(title.children)
    last = content[-1] if content else None
    if isinstance(last, docutils.nodes.Text) and last.endswith("."):
        content[-1] = docutils.nodes.Text(last[:-1])
    return content


def links_line(
    facts: EntryFacts, printed: bool = False, attachment: AttachmentLink = attachment_reference
) -> docutils.nodes.paragraph | None:
    """``arXiv · PDF · OpenReview · Slides``, or None for an entry without links; *printed*
    (the PDF), the identifiers as text: ``arXiv:2206.03299 · doi:10.1145/... · Slides``.
    A file of the repository is linked by *attachment*."""
    links = printed_links(facts.links, facts.arxiv_id, facts.doi) if printed else facts.links
    return link_paragraph(links, LINKS_CLASS, attachment) if links else None


def link_paragraph(
    links: Iterable[Link], css_class: str, attachment: AttachmentLink = attachment_reference
) -> docutils.nodes.paragraph:
    """``text · text · text``: a paragraph of *links*."""
    para = docutils.nodes.paragraph(classes=[css_class])
    for n, link in enumerate(links):
        if n:
            para += docutils.nodes.Text(LINK_SEPARATOR)
        para += (
            attachment(link)
            if link.local
            else docutils.nodes.reference(link.text, link.text, refuri=link.url)
        )
    return para


def bibtex_block(record: str) -> disclosure:
    """A clean BibTeX *record*, highlighted and copyable, shown on demand.

    Left out of the search index (Sphinx's ``no-search`` class): the entry's text is in it.
    """
    block = disclosure(summary="BibTeX", classes=[BIBTEX_CLASS, "no-search"])
    block += docutils.nodes.literal_block(record, record, language="bibtex")
    return block


def discussed_in(
    places: Iterable[Place], titles: dict[str, str], link: SectionLink = section_reference
) -> docutils.nodes.paragraph | None:
    """``Discussed in: Page (Section, Section); Page``, each title a link; None if uncited.

    A page's title links to its top section when that section cites the entry
    itself; otherwise it is plain text before the sections that do.
    """
    by_page: dict[str, list[Place]] = {}
    for place in places:
        by_page.setdefault(place.docname, []).append(place)
    if not by_page:
        return None
    para = docutils.nodes.paragraph(classes=[DISCUSSED_CLASS])
    para += docutils.nodes.Text("Discussed in: ")
    for n, (docname, page_places) in enumerate(by_page.items()):
        if n:
            para += docutils.nodes.Text("; ")
        top = next((place for place in page_places if place.top), None)
        para += link(top) if top else docutils.nodes.Text(titles.get(docname, docname))
        sections = [place for place in page_places if not place.top]
        if sections:
            para += docutils.nodes.Text(" (")
            for m, place in enumerate(sections):
                if m:
                    para += docutils.nodes.Text(", ")
                para += link(place)
            para += docutils.nodes.Text(")")
    return para


def abstract_block(facts: EntryFacts) -> disclosure | None:
    """The entry's abstract, shown on demand (None without one)."""
    if facts.abstract is None:
        return None
    block = disclosure(summary="Abstract", classes=[ABSTRACT_CLASS])
    block += docutils.nodes.paragraph("", "", *facts.abstract.render(EntryBackend()))
    return block


def entry_extras(facts: EntryFacts, record: str | None = None) -> list[docutils.nodes.Element]:
    """What follows an entry's text, in the outputs that get it (:mod:`..outputs`): the
    links as identifiers in print; on screen one row of actions: the links, and the
    abstract and the BibTeX *record* on demand ("Discussed in" is on the paper's page)."""
    actions = docutils.nodes.container(classes=[ACTIONS_CLASS])
    actions += filter(None, [links_line(facts), abstract_block(facts)])
    actions += [bibtex_block(record)] if record else []
    extras = [
        only_in(PRINTED_LINKS, *filter(None, [links_line(facts, printed=True)])),
        only_in(WEB_EXTRAS, *([actions] if actions.children else [])),
    ]
    return [extra for extra in extras if extra.children]


def page_titles(env: BuildEnvironment) -> dict[str, str]:
    """Each page's title as text (for pages whose own section cites nothing)."""
    return {name: node.astext() for name, node in env.titles.items()}


class FillEntries(SphinxPostTransform):
    """Put each entry where a listing directive left a :class:`.nodes.pending_entry`.

    Runs once sphinxcontrib-bibtex has formatted the citations (``env-updated``)
    and before references are resolved (priority 10): the links it makes are
    cross-references, and a labelled entry's label is a citation of the entry,
    resolved by sphinxcontrib-bibtex.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        pending = list(self.document.findall(pending_entry))
        if not pending:
            return
        domain, library = cite_domain(self.env), research_domain(self.env).library
        citations = list_citations(domain)
        references: dict[str, Citation] | None = None
        for node in pending:
            key, references_of = node["key"], node.get("references_of")
            if references_of:
                if references is None:  # the page's references, looked up once
                    where = BibliographyKey(references_of, REFERENCES_ID)
                    references = formatted_citations(domain, where)
                formatted = references[key].formatted_entry
                extras = entry_extras(library.facts(key))
                node.replace_self([entry_paragraph(formatted), *extras])
                continue
            if key not in citations:
                message = "the papers of this list link to the publication list, which no"
                warn(
                    f"{message} page has: add a publication-list directive to a page",
                    node,
                    "no_publication_list",
                )
                node.parent.remove(node)
                continue
            formatted = citations[key].formatted_entry
            para = entry_paragraph(formatted, link_title=True)
            if node.get("labelled"):
                para.insert(0, docutils.nodes.Text(" "))
                para.insert(0, numbers_reference([key]))
                node.replace_self(para)
                continue
            para.insert(0, docutils.nodes.Text(" "))
            para.insert(0, paper_label(library.identity(key)))
            extras = entry_extras(library.facts(key), library.record(key))
            node.replace_self([para, *extras])
