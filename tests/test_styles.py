"""The pybtex styles, without Sphinx: how an entry reads, how a citation of several reads."""

from __future__ import annotations

import pytest
from pybtex.database import BibliographyData, parse_string
from pybtex.richtext import Text

from conftest import SAMPLE_BIB
from research_site.bib.library import Library
from research_site.bib.names import OwnerName
from research_site.styles.formatting import ResearchStyle
from research_site.styles.referencing import AscendingLabelReferenceStyle, label_sort_key


@pytest.fixture
def bib() -> BibliographyData:
    return parse_string(SAMPLE_BIB, "bibtex")


@pytest.fixture
def style(bib: BibliographyData) -> ResearchStyle:
    return ResearchStyle.bound(Library(bib, OwnerName("Mingze Wang")))()


def formatted_text(style: ResearchStyle, bib: BibliographyData) -> dict[str, tuple[str, str]]:
    return {
        f.key: (f.label, f.text.render_as("text"))
        for f in style.format_entries(bib.entries.values())
    }


def test_labels_are_paper_numbers(style: ResearchStyle, bib: BibliographyData) -> None:
    assert {key: label for key, (label, _) in formatted_text(style, bib).items()} == {
        "old2020": "1",
        "new2025": "2",
        "journal2021": "3",
    }


def test_entry_text(style: ResearchStyle, bib: BibliographyData) -> None:
    texts = {key: text for key, (_, text) in formatted_text(style, bib).items()}
    assert texts["new2025"] == (
        "Is It New? Mingze Wang*†, Grace Hopper*, Alan Turing. Under review, May 2025."
    )
    assert texts["old2020"] == (
        "An Old Paper. Ada Lovelace, Mingze Wang†. "
        "Some Conference (SC 2020), 1–12, December 2020. Oral, top 1%"
    )


def test_owner_and_markers_are_tagged(style: ResearchStyle, bib: BibliographyData) -> None:
    formatted = style.format_entry("2", bib.entries["new2025"])
    html = formatted.text.render_as("html")
    assert "<strong><pub-owner>Mingze Wang</pub-owner></strong><sup>*†</sup>" in html
    assert "Grace Hopper<sup>*</sup>" in html


def test_formatting_twice_is_identical_and_leaves_entries_untouched(
    style: ResearchStyle, bib: BibliographyData
) -> None:
    """Sphinx formats an entry more than once (the list and the tooltip)."""
    before = bib.to_string("bibtex")
    assert formatted_text(style, bib) == formatted_text(style, bib)
    assert bib.to_string("bibtex") == before


def test_a_style_is_bound_to_one_library(bib: BibliographyData) -> None:
    other = parse_string(SAMPLE_BIB.replace("old2020", "older2019"), "bibtex")
    first = ResearchStyle.bound(Library(bib, OwnerName("Mingze Wang")))
    second = ResearchStyle.bound(Library(other, OwnerName("Ada Lovelace")))
    assert first.library is not second.library
    entry = other.entries["older2019"]
    html = second().format_entry("1", entry).text.render_as("html")
    assert "<pub-owner>Ada Lovelace</pub-owner>" in html


def test_references_of_a_citation_sort_by_number() -> None:
    assert sorted(["12", "8", "16", "x"], key=label_sort_key) == ["8", "12", "16", "x"]
    style = AscendingLabelReferenceStyle()
    children = [Text("16"), Text("8")]
    for child, number in zip(children, (16, 8), strict=True):
        child.sort_key = (number, str(number))  # type: ignore[attr-defined]
    node = style.outer("p", children)
    assert node.format_data({}).render_as("text") == "[8, 16]"
