"""The bib layer, without Sphinx: annotations, dates, names, links, facts, library, clean BibTeX."""

from __future__ import annotations

import pytest
from pybtex.database import BibliographyData, Person, parse_string

from conftest import SAMPLE_BIB
from research_site.bib.annotations import AnnotationError, legend_items, markers, parse_annotations
from research_site.bib.cleanbib import bibtex_record
from research_site.bib.dates import DateError, PublicationDate, parse_month, publication_date
from research_site.bib.facts import EntryError, entry_facts
from research_site.bib.library import Library
from research_site.bib.links import entry_links
from research_site.bib.names import OwnerName, full_name, name_key
from research_site.bib.texts import field_plain, field_text

OWNER = OwnerName("Mingze Wang")


@pytest.fixture
def bib() -> BibliographyData:
    return parse_string(SAMPLE_BIB, "bibtex")


def test_annotations_parse_and_reject() -> None:
    assert parse_annotations("1=equal,lead; 2=equal", 3) == {
        0: frozenset({"equal", "lead"}),
        1: frozenset({"equal"}),
    }
    assert markers("1=equal,lead; 2=equal", 3) == ["*\u2020", "*", ""]
    with pytest.raises(AnnotationError, match="author 4"):
        parse_annotations("4=equal", 3)
    with pytest.raises(AnnotationError, match="unknown annotation 'first'"):
        parse_annotations("1=first", 3)
    with pytest.raises(AnnotationError, match="N=annotation"):
        parse_annotations("equal", 3)
    assert legend_items({"\u2020"}) == [("\u2020", "project lead")]


def test_months_and_dates() -> None:
    assert parse_month("may") == parse_month("5") == parse_month("May") == 5
    with pytest.raises(DateError, match="not a month"):
        parse_month("Mai")
    assert publication_date({"year": "2025", "month": "May"}) == PublicationDate(2025, 5)
    assert PublicationDate(2025, 5).text() == "May 2025"
    assert PublicationDate(2025, 5).iso("/") == "2025/05"
    assert PublicationDate(2025, None).iso() == "2025"
    with pytest.raises(DateError, match="no year"):
        publication_date({})
    with pytest.raises(DateError, match="not a number"):
        publication_date({"year": "20x5"})


def test_names_are_written_out_and_compared_as_words() -> None:
    person = Person("Su, Weijie J.")
    assert str(full_name(person)) == "Weijie J. Su"
    assert name_key(Person("{M}ingze WANG")) == name_key(Person("Wang, Mingze"))
    assert OWNER.matches(Person("Wang, Mingze"))
    assert not OwnerName("").matches(Person("Wang, Mingze"))


def test_field_text_resolves_latex_and_keeps_escaped_characters() -> None:
    assert field_plain(r"Caf{\'e} \& {GPU}s -- 50\% \$x\$ \{braces\}") == (
        "Caf\u00e9 & GPUs \u2013 50% $x$ {braces}"
    )
    assert str(field_text("{unbalanced")) == "{unbalanced"


def test_facts_of_an_entry(bib: BibliographyData) -> None:
    facts = entry_facts(bib.entries["old2020"], OWNER)
    assert facts.title_plain == "An Old Paper"
    assert [(a.plain, a.markers, a.is_owner) for a in facts.authors] == [
        ("Ada Lovelace", "", False),
        ("Mingze Wang", "\u2020", True),
    ]
    assert str(facts.venue_line()) == "Some Conference (SC 2020), 1\u201312, December 2020"
    assert facts.venue.kind == "conference" and facts.arxiv_id == "2001.00001"
    assert str(facts.award) == "Oral, top 1%" and not facts.selected
    new = entry_facts(bib.entries["new2025"], OWNER)
    assert str(new.venue_line()) == "Under review, May 2025" and new.selected
    journal = entry_facts(bib.entries["journal2021"], OWNER)
    assert journal.venue.kind == "journal" and journal.venue_plain == "Journal of Examples"


def test_facts_name_every_problem_of_an_entry() -> None:
    bad = parse_string("@misc{bad, author+an = {1=lead}, month = {Mai}, year = {2020}}", "bibtex")
    with pytest.raises(EntryError) as raised:
        entry_facts(bad.entries["bad"], OWNER)
    problems = raised.value.problems
    assert problems[0] == "no title: add title = {...}"
    assert problems[1].startswith("no author")
    assert any("author+an" in problem for problem in problems)
    assert any("month 'Mai' is not a month" in problem for problem in problems)


def test_links(bib: BibliographyData) -> None:
    assert [(link.text, link.url) for link in entry_links(bib.entries["old2020"].fields)] == [
        ("arXiv", "https://arxiv.org/abs/2001.00001"),
        ("PDF", "https://arxiv.org/pdf/2001.00001"),
        ("OpenReview", "https://openreview.net/forum?id=abc"),
    ]
    assert entry_links(bib.entries["new2025"].fields) == ()


def test_library_numbers_papers_in_file_order(bib: BibliographyData) -> None:
    library = Library(bib, OWNER)
    assert library.papers == ("old2020", "new2025", "journal2021")
    assert [library.number(key) for key in library.papers] == [1, 2, 3]
    assert library.number("NEW2025") == 2  # keys ignore case, as in BibTeX
    assert list(library.newest_first()) == ["journal2021", "new2025", "old2020"]
    assert library.years() == [2025, 2021, 2020]
    assert library.facts("old2020") is library.facts("old2020")  # computed once


def test_reading_entries_leaves_them_untouched(bib: BibliographyData) -> None:
    before = bib.to_string("bibtex")
    library = Library(bib, OWNER)
    for key in library.papers:
        library.facts(key)
        bibtex_record(library.entry(key))
    assert bib.to_string("bibtex") == before
