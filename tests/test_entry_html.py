"""Entries written as HTML are what Sphinx's translator writes for their nodes.

:mod:`research_site.entryhtml` writes an entry's text for the HTML builder without
making docutils nodes. For generated hostile text (HTML specials, ``@``, quotes,
whitespace, non-Latin script) in every part and tag the site's style uses, its
HTML and text pieces equal those of :mod:`research_site.backend`'s nodes rendered
by the HTML builder, with the title plain and linked. (The whole site, both ways,
is compared in ``test_build_caches.py``.) The BibTeX records' lexer
(:mod:`research_site.recordhighlight`) yields Pygments' BibTeX tokens and HTML.
"""

from __future__ import annotations

import docutils.nodes
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, Person, parse_file
from pybtex.richtext import HRef, Symbol, Tag, Text
from pybtex.style import FormattedEntry
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers.bibtex import BibTeXLexer
from sphinx.testing.util import SphinxTestApp

from conftest import PROJECT
from research_site.backend import EntryBackend
from research_site.cleanbib import bibtex_record
from research_site.entryhtml import HtmlEntryBackend, WrittenEntry, with_title_link
from research_site.recordhighlight import (
    CleanRecordLexer,
    clean_record,
    clean_record_html,
    clean_record_tokens,
)
from research_site.style import AUTHORS, AWARD, OWNER, TITLE, VENUE

hostile = st.text(alphabet="aZ09 <>&\"'@#;/=\t\n\u00e9\u4e2d*\u2020", min_size=1, max_size=12)


def formatted_entry(title: str, name: str, venue: str, url: str) -> FormattedEntry:
    """An entry with every part and tag the style writes, the given text in each."""
    return FormattedEntry(
        "key",
        Text(
            Tag(TITLE, title, "."),
            " ",
            Tag(AUTHORS, Tag("strong", Tag(OWNER, name)), Tag("sup", "*\u2020"), ", ", name, "."),
            " ",
            Tag(VENUE, Tag("em", venue), " ", "1", Symbol("ndash"), "9", Symbol("nbsp"), venue),
            " ",
            Tag(AWARD, Tag("b", venue), Tag("sub", name), Tag("unknown", name)),
            HRef(url, venue),
        ),
        label="7",
    )


def rendered(app: SphinxTestApp, node: docutils.nodes.Node) -> str:
    app.builder.fignumbers = {}
    return app.builder.render_partial(node)["fragment"]


@pytest.mark.sphinx("html", testroot="citation-order")
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(title=hostile, name=hostile, venue=hostile, url=hostile)
def test_entry_written_as_its_nodes_are_translated(
    app: SphinxTestApp, title: str, name: str, venue: str, url: str
) -> None:
    entry = formatted_entry(title, name, venue, url)
    paragraph = EntryBackend().paragraph(entry)
    backend = HtmlEntryBackend()
    written = backend.paragraph(entry)
    assert written.html == rendered(app, paragraph.deepcopy())
    assert list(written.texts) == [str(text) for text in paragraph.findall(docutils.nodes.Text)]

    # the title linked to the paper's page, as paperpages.link_titles_to_paper_pages links it
    uri = f"p {url}.html"
    inline = next(n for n in paragraph.findall(docutils.nodes.inline) if TITLE in n["classes"])
    link = docutils.nodes.reference("", "", *inline.children, refuri=uri, internal=True)
    inline.children = []
    inline += link
    parts = WrittenEntry(written, backend.title_html, None, written)
    assert with_title_link(parts, uri).html == rendered(app, paragraph)


def test_site_records_take_the_quick_path_to_the_same_tokens() -> None:
    records = [bibtex_record(e) for e in parse_file(PROJECT / "refs.bib").entries.values()]
    assert records and all(clean_record_tokens(record) is not None for record in records)
    for record in records:
        assert list(CleanRecordLexer().get_tokens(record)) == list(BibTeXLexer().get_tokens(record))
        html = highlight(record, BibTeXLexer(), HtmlFormatter())
        assert clean_record_html(clean_record(record)) == html


field_value = st.text(alphabet='aZ09 {}{}\\"@,=#%()\u00e9', max_size=14)
kind = st.sampled_from(["article", "inproceedings", "misc", "string", "comment", "Preamble", "a(b"])
key = st.text(alphabet="az09:+-_{(,", min_size=1, max_size=8)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    kind=kind, key=key, title=field_value, note=field_value, month=st.sampled_from(["May", "x y"])
)
def test_record_lexer_yields_pygments_tokens(
    kind: str, key: str, title: str, note: str, month: str
) -> None:
    """Any record: the quick path where it applies, Pygments' state machine elsewhere."""
    fields = {"title": title, "note": note, "month": month, "year": "2020"}
    entry = Entry(kind, fields=fields, persons={"author": [Person("Wang, Mingze")]})
    entry.key = key
    record = bibtex_record(entry)
    quick, state_machine = CleanRecordLexer(), BibTeXLexer()
    assert list(quick.get_tokens(record)) == list(state_machine.get_tokens(record))
    clean = clean_record(record)
    if clean is not None:
        assert clean_record_html(clean) == highlight(record, state_machine, HtmlFormatter())
    unprocessed = record + "\n"
    expected = list(state_machine.get_tokens_unprocessed(unprocessed))
    assert list(quick.get_tokens_unprocessed(unprocessed)) == expected
