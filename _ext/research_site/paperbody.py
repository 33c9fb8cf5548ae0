"""The body of a paper page: title, label, the entry as on the list, a link back.

:func:`paper_section` makes it as docutils nodes, rendered by the HTML builder
(:func:`render_bodies`, many in one pass). At thousands of papers that was most
of the paper pages' time, so :class:`PaperBodies` renders one section with
placeholders (a shell) and fills it in for each paper, once the first paper's
filled body has proven equal to its rendered one (as :class:`.pageshell.PageShell`
does for the page around it). Keys that are not URL-safe, an entry that is not
written as HTML (:mod:`.entryhtml`) and ``research_site_caches = False`` take the
rendered path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import docutils.nodes
from pybtex.database import Entry
from pybtex.style import FormattedEntry
from sphinx.util import logging

from .backend import entry_paragraph
from .backlinks import Place, page_titles
from .entries import entry_extras
from .entryhtml import (
    Markup,
    NotWritable,
    encode,
    entry_content,
    fragment,
    html_fragment,
    writes_entry_html,
    written_entry,
)
from .links import paper_pagename
from .pageshell import SAFE_NAME
from .style import field_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

logger = logging.getLogger(__name__)


class PaperSource(NamedTuple):
    """What a paper page is made from."""

    entry: Entry
    formatted: FormattedEntry
    places: list[Place]


def plain(text: Any) -> str:
    """Plain text of a pybtex rich text or string."""
    return " ".join(str(text).split())


def entry_title(entry: Entry) -> str:
    return plain(field_text(entry.fields["title"]))


def paper_section(
    app: Sphinx,
    pagename: str,
    key: str,
    title: str,
    label: str,
    content: list[docutils.nodes.Element],
) -> docutils.nodes.section:
    """The content of a paper page."""
    section = docutils.nodes.section(ids=[key])
    section += docutils.nodes.title(title, title)
    section += docutils.nodes.paragraph(f"[{label}]", f"[{label}]", classes=["pub-label"])
    section.extend(content)
    back = docutils.nodes.paragraph(classes=["pub-back"])
    list_uri = app.builder.get_relative_uri(pagename, app.config.research_site_list_doc)
    back += docutils.nodes.reference(
        "All publications", "All publications", refuri=f"{list_uri}#{key}"
    )
    section += back
    return section


def entry_nodes(
    app: Sphinx, pagename: str, titles: dict[str, str], source: PaperSource
) -> list[docutils.nodes.Element]:
    """The entry's text, links, BibTeX and "Discussed in": as HTML for the HTML builder."""
    entry, formatted, places = source
    if writes_entry_html(app.builder.name, app.config):
        builder = cast("StandaloneHTMLBuilder", app.builder)
        try:
            return [entry_content(builder, pagename, entry, formatted, places, titles)]
        except NotWritable:
            pass
    return [entry_paragraph(formatted), *entry_extras(app.builder, pagename, entry, places, titles)]


def write_entries(app: Sphinx, sources: Sequence[PaperSource]) -> None:
    """Write the page-independent HTML of each entry now (:func:`.entryhtml.written_entry`)."""
    if not writes_entry_html(app.builder.name, app.config):
        return
    builder = cast("StandaloneHTMLBuilder", app.builder)
    for entry, formatted, _ in sources:
        with suppress(NotWritable):
            written_entry(builder, paper_pagename(app, entry.key), entry, formatted)


#: Between bodies rendered together: a comment no entry's escaped text can hold.
BODY_BREAK = "<!-- research-site: next paper -->"


def render_bodies(app: Sphinx, sections: list[docutils.nodes.section]) -> list[str]:
    """The HTML of each section: rendered in one pass and split at breaks.

    One pass instead of one per section saves a document and a translator per
    paper. With caches off, each section is rendered on its own (the reference).
    """
    if not sections:
        return []
    builder = cast("StandaloneHTMLBuilder", app.builder)
    # Sphinx's HTML writer reads the figure numbers of the page being written, which
    # the builder sets per source page (write_doc); a paper page has no figures.
    builder.fignumbers = {}
    if not app.config.research_site_caches:
        return [builder.render_partial(section)["fragment"] for section in sections]
    group = docutils.nodes.container()
    for section in sections:
        group += docutils.nodes.raw("", BODY_BREAK, format="html")
        group += section
    group += docutils.nodes.raw("", BODY_BREAK, format="html")
    return builder.render_partial(group)["fragment"].split(BODY_BREAK)[1:-1]


#: Placeholders of the body shell (letters only, so nothing escapes or changes them).
KEY, TITLE, LABEL, CONTENT = (
    f"ResearchSitePaper{part}" for part in ("Key", "Title", "Label", "Content")
)
PLACEHOLDERS = re.compile(f"({KEY}|{TITLE}|{LABEL}|{CONTENT})")


class PaperBodies:
    """Makes the bodies of paper pages, filling in one rendered shell where it is proven."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.shell: list[str] | None = None  # its HTML split at the placeholders
        self.trusted: bool | None = None if app.config.research_site_caches else False

    def __call__(self, names: Sequence[str], sources: Sequence[PaperSource]) -> list[str]:
        """The body of each paper page *names* made from *sources*."""
        titles = page_titles(self.app.env)
        bodies: list[str | None] = []
        sections = []
        for pagename, source in zip(names, sources, strict=True):
            content = entry_nodes(self.app, pagename, titles, source)
            body = self.filled(pagename, source, content)
            if body is None:
                sections.append(self.section(pagename, source, content))
            bodies.append(body)
        rendered = iter(render_bodies(self.app, sections))
        return [body if body is not None else next(rendered) for body in bodies]

    def section(
        self, pagename: str, source: PaperSource, content: list[docutils.nodes.Element]
    ) -> docutils.nodes.section:
        entry = source.entry
        title, label = entry_title(entry), source.formatted.label
        return paper_section(self.app, pagename, entry.key, title, label, content)

    def filled(
        self, pagename: str, source: PaperSource, content: list[docutils.nodes.Element]
    ) -> str | None:
        """The body from the shell; None where it must be rendered."""
        key = source.entry.key
        written = len(content) == 1 and isinstance(content[0], html_fragment)
        if self.trusted is False or not written or SAFE_NAME.fullmatch(key) is None:
            return None
        if self.shell is None:
            placeholder = [fragment(Markup(CONTENT, ()))]
            shell = paper_section(self.app, pagename, KEY, TITLE, LABEL, placeholder)
            self.shell = PLACEHOLDERS.split(render_bodies(self.app, [shell])[0])
        values = {
            KEY: key,
            TITLE: encode(entry_title(source.entry)),
            LABEL: encode(source.formatted.label),
            CONTENT: content[0]["html"],
        }
        body = "".join(values.get(part, part) for part in self.shell)
        if self.trusted is None:  # the first paper settles it
            rendered = render_bodies(self.app, [self.section(pagename, source, content)])[0]
            self.trusted = body == rendered
            if not self.trusted:
                logger.info(
                    "paper pages: filling the body shell does not give the rendered body; "
                    "rendering each body"
                )
            return rendered
        return body
