"""The pybtex style, annotations, clean records and links, without Sphinx."""

from __future__ import annotations

import pickle

import bibtexparser
import pytest
from pybtex.database import BibliographyData, parse_string

from research_site import forks
from research_site.annotations import AnnotationError, author_markers, parse_annotations
from research_site.backend import entry_paragraph
from research_site.cleanbib import STANDARD_FIELDS, bibtex_file, bibtex_record
from research_site.formatcache import FormattedEntries
from research_site.links import entry_links
from research_site.numbering import Numbering
from research_site.style import ResearchStyle, month_name

BIB = r"""
@inproceedings{old2020,
  author = {Ada Lovelace and Mingze Wang},
  author+an = {2=lead},
  title = {An {Old} Paper},
  booktitle = {Some Conference},
  shortvenue = {SC 2020},
  year = {2020}, month = dec, pagetotal = {12},
  eprint = {2001.00001}, archiveprefix = {arXiv},
  url = {https://openreview.net/forum?id=abc},
  award = {Oral, top 1\%},
}
@unpublished{new2025,
  author = {Mingze Wang and Grace Hopper and Alan Turing},
  author+an = {1=equal,lead; 2=equal},
  title = {Is It New?},
  pubstate = {submitted},
  year = {2025}, month = may,
  selected = {true},
}
"""


@pytest.fixture
def bib() -> BibliographyData:
    return parse_string(BIB, "bibtex")


@pytest.fixture
def style(bib: BibliographyData) -> ResearchStyle:
    return ResearchStyle.configured("Mingze Wang", Numbering.from_bibdata(bib))()


def text_of(style: ResearchStyle, bib: BibliographyData, key: str) -> str:
    formatted = {f.key: f for f in style.format_entries(bib.entries.values())}[key]
    return formatted.text.render_as("text")


def test_labels_follow_file_order_and_list_runs_newest_first(
    style: ResearchStyle, bib: BibliographyData
) -> None:
    formatted = list(style.format_entries(bib.entries.values()))
    assert [(f.key, f.label) for f in formatted] == [("new2025", "2"), ("old2020", "1")]


def test_entry_text(style: ResearchStyle, bib: BibliographyData) -> None:
    assert text_of(style, bib, "new2025") == (
        "Is It New? Mingze Wang*†, Grace Hopper*, Alan Turing. Under review, May 2025."
    )
    assert text_of(style, bib, "old2020") == (
        "An Old Paper. Ada Lovelace, Mingze Wang†. "
        "Some Conference (SC 2020), 1–12, December 2020. Oral, top 1%"
    )


def test_owner_is_strong_with_markers_outside(style: ResearchStyle, bib: BibliographyData) -> None:
    formatted = next(f for f in style.format_entries(bib.entries.values()) if f.key == "new2025")
    para = entry_paragraph(formatted)
    strong = [n.astext() for n in para.findall(lambda n: n.tagname == "strong")]
    sup = [n.astext() for n in para.findall(lambda n: n.tagname == "superscript")]
    assert strong == ["Mingze Wang"]
    assert sup == ["*†", "*"]
    classes = {c for n in para.findall(lambda n: n.tagname == "inline") for c in n["classes"]}
    assert {"pub-title", "pub-authors", "pub-owner", "pub-venue"} <= classes


def test_owner_matching_ignores_case_and_braces() -> None:
    bib = parse_string("@misc{k, author={{M}ingze WANG}, title={T}, year={2024}}", "bibtex")
    style = ResearchStyle.configured("Mingze Wang", Numbering.from_bibdata(bib))()
    formatted = next(iter(style.format_entries(bib.entries.values())))
    para = entry_paragraph(formatted)
    assert [n.astext() for n in para.findall(lambda n: n.tagname == "strong")] == ["Mingze WANG"]


def test_formatting_twice_is_identical_and_leaves_entries_untouched(
    style: ResearchStyle, bib: BibliographyData
) -> None:
    before = bib.to_string("bibtex")

    def render() -> list[tuple[str, str, str]]:
        formatted = style.format_entries(bib.entries.values())
        return [(f.key, f.label, f.text.render_as("text")) for f in formatted]

    assert render() == render()
    assert bib.to_string("bibtex") == before


def test_annotations_parse_and_reject() -> None:
    assert parse_annotations("1=equal,lead; 2=equal", 3) == {
        0: frozenset({"equal", "lead"}),
        1: frozenset({"equal"}),
    }
    with pytest.raises(AnnotationError, match="author 4"):
        parse_annotations("4=equal", 3)
    with pytest.raises(AnnotationError, match="unknown annotation 'first'"):
        parse_annotations("1=first", 3)
    with pytest.raises(AnnotationError, match="N=annotation"):
        parse_annotations("equal", 3)


def test_markers_per_author(bib: BibliographyData) -> None:
    assert author_markers(bib.entries["new2025"]) == ["*†", "*", ""]


def test_month_names() -> None:
    assert month_name("may") == month_name("5") == month_name("May") == "May"
    with pytest.raises(ValueError, match="not a month"):
        month_name("Mai")


def test_clean_record_has_standard_fields_only(bib: BibliographyData) -> None:
    library = bibtexparser.parse_string(bibtex_file(bib.entries.values()))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == ["old2020", "new2025"]
    allowed = set(STANDARD_FIELDS) | {"author", "editor"}
    for entry in library.entries:
        assert {f.key for f in entry.fields} <= allowed
    record = bibtex_record(bib.entries["old2020"])
    assert "author+an" not in record and "award" not in record and "shortvenue" not in record
    assert "month = dec," in record


def test_links(bib: BibliographyData) -> None:
    assert [tuple(link) for link in entry_links(bib.entries["old2020"])] == [
        ("arXiv", "https://arxiv.org/abs/2001.00001"),
        ("PDF", "https://arxiv.org/pdf/2001.00001"),
        ("OpenReview", "https://openreview.net/forum?id=abc"),
    ]
    assert entry_links(bib.entries["new2025"]) == []


def test_formatted_entries_are_reused_by_content_and_label(bib: BibliographyData) -> None:
    """The cache gives back the same formatting; an edited entry or another label is new."""
    cache = FormattedEntries("signature")
    cached = ResearchStyle.configured("Mingze Wang", Numbering.from_bibdata(bib), cache)()
    plain = ResearchStyle.configured("Mingze Wang", Numbering.from_bibdata(bib))()
    entry = bib.entries["old2020"]
    first = cached.format_entry("1", entry)
    assert cached.format_entry("1", entry) is first
    assert first.text == plain.format_entry("1", entry).text
    assert cached.format_entry("7", entry) is not first
    edited = parse_string(BIB.replace("An {Old} Paper", "An Edited Paper"), "bibtex")
    assert cached.format_entry("1", edited.entries["old2020"]) is not first
    # the cache survives pickling (it lives in the environment), entries stay as they were
    restored = pickle.loads(pickle.dumps(cache))
    assert restored[("1", entry)].text == first.text
    assert bib.entries["old2020"].fields["title"] == "An {Old} Paper"


def test_a_forked_reader_sends_the_cache_back_empty(
    bib: BibliographyData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx's parallel readers pickle the environment back; the main process has the cache."""
    cache = FormattedEntries("signature")
    style = ResearchStyle.configured("Mingze Wang", Numbering.from_bibdata(bib), cache)()
    style.format_entry("1", bib.entries["old2020"])
    assert len(pickle.loads(pickle.dumps(cache))) == 1
    monkeypatch.setattr(forks, "FORKED", [True])
    sent = pickle.loads(pickle.dumps(cache))
    assert len(sent) == 0 and sent.signature == "signature"
    assert len(cache) == 1


def test_a_new_build_keeps_only_the_entries_it_used(bib: BibliographyData) -> None:
    cache = FormattedEntries("signature")
    style = ResearchStyle.configured("Mingze Wang", Numbering.from_bibdata(bib), cache)()
    style.format_entry("1", bib.entries["old2020"])
    style.format_entry("2", bib.entries["new2025"])
    cache.keep_used()
    style.format_entry("2", bib.entries["new2025"])
    cache.keep_used()
    assert len(cache) == 1
    with pytest.raises(KeyError):
        cache[("1", bib.entries["old2020"])]
