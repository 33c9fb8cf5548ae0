"""Entries written straight to HTML, for the HTML builder's list and paper pages.

An entry on the publication list is its text, links line, BibTeX block and
"Discussed in"; as docutils nodes that is dozens of nodes per paper, built,
walked by every later transform and translated, on the list and again on the
paper's page: most of a large build's time. For the ``html`` builder (with
``research_site_caches`` on) this module writes that content as the HTML
Sphinx's HTML5 translator writes for those nodes, from the same data:

- :class:`HtmlEntryBackend`, a pybtex backend, writes a formatted entry as
  :mod:`.backend`'s nodes are translated. What is the same on every page is
  written once per build (:func:`written_entry`: the list's, reused by the paper
  page); the title is linked per page (:func:`with_title_link`, as
  :func:`.paperpages.link_titles_to_paper_pages` links it);
- :func:`entry_content` adds the links line, the BibTeX block (its record
  highlighted by :mod:`.recordhighlight` once proven equal) and "Discussed in";
- :class:`html_fragment` holds the result in the doctree. Its one child is the
  text of the nodes it stands for, so the search index finds the same words.
  :mod:`.listingrefs` writes the labels of its listings with it too.

``tests/test_build_caches.py`` compares the output with the nodes' (search index
included) byte for byte. Other builders (LaTeX, EPUB), or a tag this backend
cannot write as the translator would, go through the nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, NamedTuple
from weakref import WeakKeyDictionary

import docutils.nodes
from pybtex.backends import BaseBackend
from pybtex.database import Entry
from pybtex.style import FormattedEntry

from .assets import SHOWS_CODE
from .backlinks import DISCUSSED_CLASS, Place, discussed_parts
from .cleanbib import BIBTEX_CLASS, BIBTEX_LANGUAGE, BIBTEX_SUMMARY, bibtex_record
from .links import LINK_SEPARATOR, LINKS_CLASS, entry_links
from .recordhighlight import clean_record, clean_record_html
from .style import PART_PREFIX, TITLE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

#: Characters docutils' HTML writer writes as references (``HTMLTranslator.special_characters``).
SPECIAL_CHARACTERS = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord('"'): "&quot;",
    ord(">"): "&gt;",
    ord("@"): "&#64;",
}
ATTRIBUTE_WHITESPACE = re.compile("[\n\r\t\v\f]")


def encode(text: str) -> str:
    """Text as docutils' HTML writer encodes it."""
    return text.translate(SPECIAL_CHARACTERS)


def attval(text: str) -> str:
    """An attribute value as docutils' HTML writer encodes it."""
    return encode(ATTRIBUTE_WHITESPACE.sub(" ", text))


class Markup(NamedTuple):
    """HTML, and the texts of the docutils text nodes it stands for."""

    html: str
    texts: tuple[str, ...]

    @classmethod
    def text(cls, text: str) -> Markup:
        return cls(encode(text), (text,))

    @classmethod
    def join(cls, parts: Iterable[Markup]) -> Markup:
        parts = list(parts)
        return cls(
            "".join(p.html for p in parts), tuple(chain.from_iterable(p.texts for p in parts))
        )

    def wrapped(self, start: str, end: str) -> Markup:
        return Markup(f"{start}{self.html}{end}", self.texts)


class NotWritable(Exception):
    """A formatted entry holds what only the docutils translator writes right."""


#: pybtex tags pybtex-docutils makes nodes of, and the HTML elements the translator writes.
TAG_ELEMENTS = {
    "emph": "em",
    "em": "em",
    "i": "em",
    "strong": "strong",
    "b": "strong",
    "sup": "sup",
    "sub": "sub",
}


class HtmlEntryBackend(BaseBackend):
    """Writes a formatted entry as its :mod:`.backend` nodes are translated to HTML.

    It keeps the HTML of the (first) title written, for :func:`with_title_link`.
    """

    name = "research-site-html"
    RenderType = Markup
    symbols = {
        "ndash": Markup.text("\u2013"),
        "newblock": Markup.text(" "),
        "nbsp": Markup.text("\u00a0"),
    }

    def __init__(self) -> None:
        super().__init__("utf-8")
        self.title_html = ""

    def format_str(self, str_: str) -> Markup:
        return Markup.text(str_)

    def format_tag(self, tag_name: str, text: Markup) -> Markup:
        if tag_name.startswith(PART_PREFIX):
            if tag_name == TITLE and not self.title_html:
                self.title_html = text.html
            return text.wrapped(f'<span class="{tag_name}">', "</span>")
        if tag_name in TAG_ELEMENTS:
            element = TAG_ELEMENTS[tag_name]
            return text.wrapped(f"<{element}>", f"</{element}>")
        if tag_name == "tt":  # Sphinx writes literals word by word
            raise NotWritable(tag_name)
        return text  # pybtex-docutils drops unknown tags, keeping their text

    def format_href(self, url: str, text: Markup, external: bool = False) -> Markup:
        return text.wrapped(f'<a class="reference external" href="{attval(url)}">', "</a>")

    def render_sequence(self, rendered_list: Sequence[Markup]) -> Markup:
        return Markup.join(rendered_list)

    def paragraph(self, entry: FormattedEntry) -> Markup:
        text = entry.text.render(self)
        if any(part.endswith("\\url ") for part in text.texts):
            raise NotWritable("\\url")  # sphinxcontrib-bibtex makes a link of what follows
        return text.wrapped("<p>", "</p>\n")


def link_html(uri: str, text: Markup, internal: bool = False, title: str | None = None) -> Markup:
    """A reference, as Sphinx writes it (attributes in name order)."""
    kind = "internal" if internal else "external"
    tooltip = f' title="{attval(title)}"' if title else ""
    return text.wrapped(f'<a class="reference {kind}" href="{attval(uri)}"{tooltip}>', "</a>")


def links_html(entry: Entry) -> Markup | None:
    """The links line (:func:`.entries.links_line`)."""
    links = entry_links(entry)
    if not links:
        return None
    parts: list[Markup] = []
    for n, link in enumerate(links):
        if n:
            parts.append(Markup.text(LINK_SEPARATOR))
        parts.append(link_html(link.url, Markup.text(link.text)))
    return Markup.join(parts).wrapped(f'<p class="{LINKS_CLASS}">', "</p>\n")


class RecordHighlighting:
    """Highlights clean BibTeX records as the builder's highlighter does.

    The first clean record of a build is highlighted both ways; when
    :func:`.recordhighlight.clean_record_html` gives the same HTML, it writes the
    build's other clean records (the builder's highlighter, the rest).
    """

    def __init__(self) -> None:
        self.trusted: bool | None = None

    def highlight(self, builder: StandaloneHTMLBuilder, record: str, location: Any) -> str:
        clean = clean_record(record) if self.trusted is not False else None
        if clean is not None and self.trusted:
            return clean_record_html(clean)
        highlighted = builder.highlighter.highlight_block(
            record,
            BIBTEX_LANGUAGE,
            opts=builder.config.highlight_options.get(BIBTEX_LANGUAGE, {}),
            linenos=False,
            location=location,
            force=False,
        )
        if clean is not None:
            self.trusted = clean_record_html(clean) == highlighted
        return highlighted


#: This build's highlighting of records (undecided again on each ``builder-inited``).
HIGHLIGHTING = RecordHighlighting()


def bibtex_html(builder: StandaloneHTMLBuilder, entry: Entry, location: Any) -> Markup:
    """The BibTeX block (:func:`.entries.bibtex_block`), highlighted as Sphinx highlights it."""
    record = bibtex_record(entry)
    highlighted = HIGHLIGHTING.highlight(builder, record, location)
    return Markup(
        f'<details class="{BIBTEX_CLASS}"><summary>{encode(BIBTEX_SUMMARY)}</summary>\n'
        f'<div class="highlight-{BIBTEX_LANGUAGE} notranslate">{highlighted}</div>\n'
        "</details>\n",
        (record,),
    )


def discussed_html(
    builder: StandaloneHTMLBuilder, fromdocname: str, places: list[Place], titles: dict[str, str]
) -> Markup | None:
    """The "Discussed in" line (:func:`.backlinks.discussed_in`)."""
    parts = discussed_parts(places, titles)
    if parts is None:
        return None
    written = []
    for part in parts:
        if isinstance(part, str):
            written.append(Markup.text(part))
            continue
        # as sphinx.util.nodes.make_refnode links it
        if part.docname == fromdocname:
            uri = f"#{part.section_id}"
        else:
            uri = f"{builder.get_relative_uri(fromdocname, part.docname)}#{part.section_id}"
        written.append(link_html(uri, Markup.text(part.title).wrapped("<span>", "</span>"), True))
    return Markup.join(written).wrapped(f'<p class="{DISCUSSED_CLASS}">', "</p>\n")


class html_fragment(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801 (docutils style)
    """HTML written by this module (``html``); its one child is the text of the nodes
    it stands for (for the search index, which takes the words of text nodes)."""


def fragment(markup: Markup, shows_code: bool = False) -> html_fragment:
    """The node holding *markup*."""
    text = " ".join(markup.texts)
    node = html_fragment(text, docutils.nodes.Text(text), html=markup.html)
    if shows_code:
        node[SHOWS_CODE] = True
    return node


class pending_entry(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801 (docutils style)
    """A formatted entry (``formatted``) whose content is written once the doctree is resolved."""


class PendingEntryBackend:
    """Stands in for the docutils backend in the bibliography transform: no nodes yet."""

    def paragraph(self, entry: FormattedEntry) -> pending_entry:
        return pending_entry(formatted=entry)


def entry_content(
    builder: StandaloneHTMLBuilder,
    docname: str,
    entry: Entry,
    formatted: FormattedEntry,
    places: list[Place],
    titles: dict[str, str],
    title_uri: str | None = None,
) -> html_fragment:
    """Text, links, BibTeX and "Discussed in" of *entry* on *docname*, written as HTML.

    Raises :class:`NotWritable` when the entry's text needs the docutils translator.
    """
    written = written_entry(builder, docname, entry, formatted)
    parts = [
        with_title_link(written, title_uri),
        written.links,
        written.bibtex,
        discussed_html(builder, docname, places, titles),
    ]
    return fragment(Markup.join(part for part in parts if part is not None), shows_code=True)


class WrittenEntry(NamedTuple):
    """The parts of an entry's HTML that are the same on every page."""

    paragraph: Markup  # the formatted entry, its title not linked
    title: str  # the title's HTML in the paragraph ("" without a title)
    links: Markup | None
    bibtex: Markup


#: The entries written in this build (the list's, reused by the paper pages).
WRITTEN: WeakKeyDictionary[FormattedEntry, WrittenEntry] = WeakKeyDictionary()


def written_entry(
    builder: StandaloneHTMLBuilder, docname: str, entry: Entry, formatted: FormattedEntry
) -> WrittenEntry:
    """The page-independent parts of *entry*, written once per build."""
    if formatted not in WRITTEN:
        backend = HtmlEntryBackend()
        paragraph = backend.paragraph(formatted)
        bibtex = bibtex_html(builder, entry, (docname, None))
        WRITTEN[formatted] = WrittenEntry(paragraph, backend.title_html, links_html(entry), bibtex)
    return WRITTEN[formatted]


def with_title_link(written: WrittenEntry, uri: str | None) -> Markup:
    """The entry's paragraph, its title linking to *uri* (as the paper-page transform links it)."""
    if uri is None or not written.title:
        return written.paragraph
    span = f'<span class="{TITLE}">{written.title}</span>'
    link = link_html(uri, Markup(written.title, ()), internal=True).html
    html = written.paragraph.html.replace(span, f'<span class="{TITLE}">{link}</span>', 1)
    return Markup(html, written.paragraph.texts)


def forget_written_entries(app: Sphinx) -> None:
    """A new build writes its entries anew (its highlighting or style may differ)."""
    WRITTEN.clear()
    HIGHLIGHTING.trusted = None


def writes_entry_html(builder_name: str, config: Config) -> bool:
    """Whether a build with this builder and configuration writes entries with this module."""
    return builder_name == "html" and bool(config.research_site_caches)


def visit_html_fragment(self: HTML5Translator, node: html_fragment) -> None:
    self.body.append(node["html"])
    raise docutils.nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the node (HTML only: other builders never get one)."""
    app.add_node(html_fragment, html=(visit_html_fragment, None))
    app.connect("builder-inited", forget_written_entries)
