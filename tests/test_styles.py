"""The pybtex styles, without Sphinx: how an entry reads, how a citation of several reads."""

from __future__ import annotations

import pytest
from pybtex.database import BibliographyData, parse_string
from pybtex.richtext import Text

from conftest import SAMPLE_BIB
from research_site.bib.library import Library
from research_site.bib.names import OwnerName
from research_site.styles.formatting import IdentifiedEntry, ResearchStyle, bind
from research_site.styles.referencing import AscendingLabelReferenceStyle


@pytest.fixture
def bib() -> BibliographyData:
    return parse_string(SAMPLE_BIB, "bibtex")


@pytest.fixture
def library(bib: BibliographyData) -> Library:
    return bind(Library(bib, OwnerName("Mingze Wang")))


@pytest.fixture
def style(library: Library) -> ResearchStyle:
    return ResearchStyle()


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


def test_each_library_formats_its_own_entries(bib: BibliographyData) -> None:
    """Two sites in one process: one style, each entry formatted by its own library."""
    other = parse_string(SAMPLE_BIB.replace("old2020", "older2019"), "bibtex")
    libraries = [bind(Library(bib, OwnerName("Mingze Wang")))]
    libraries.append(bind(Library(other, OwnerName("Ada Lovelace"))))
    style = ResearchStyle()
    html = style.format_entry("1", other.entries["older2019"]).text.render_as("html")
    assert "<pub-owner>Ada Lovelace</pub-owner>" in html
    html = style.format_entry("1", bib.entries["old2020"]).text.render_as("html")
    assert "<pub-owner>Mingze Wang</pub-owner>" in html
    with pytest.raises(LookupError, match="no library"):  # an entry of no build
        style.format_entry("1", parse_string(SAMPLE_BIB, "bibtex").entries["old2020"])


def test_formatted_entries_carry_their_identity(bib: BibliographyData) -> None:
    works = parse_string(
        SAMPLE_BIB
        + "@misc{kb, author = {{Anthropic, PBC} and Jimmy Ba}, title = {A}, year = {2015}}",
        "bibtex",
    )
    library = bind(Library(works, OwnerName("Mingze Wang")))
    assert library.format_cache is None
    found = {f.key: f for f in ResearchStyle().format_entries(works.entries.values())}
    paper, work = found["new2025"], found["kb"]
    assert isinstance(paper, IdentifiedEntry) and isinstance(work, IdentifiedEntry)
    assert (paper.identity.number, paper.identity.work, paper.label) == (2, None, "2")
    assert work.identity.number is None and not work.identity.is_paper
    # a surname with ", " in its name stays one part: no label is split again
    assert (work.identity.work.authors, work.identity.work.year) == (
        "Anthropic, PBC and Ba",
        "2015",
    )
    assert work.label == "Anthropic, PBC and Ba, 2015"


def test_references_of_a_citation_sort_by_number() -> None:
    style = AscendingLabelReferenceStyle()
    children = [Text("16"), Text("8")]
    for child, number in zip(children, (16, 8), strict=True):
        child.sort_key = (number, str(number))  # type: ignore[attr-defined]
    node = style.outer("p", children)
    assert node.format_data({}).render_as("text") == "[8, 16]"


@pytest.mark.parametrize(
    ("numbers", "reads"),
    [
        ([18, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 17], "[1\u20136, 8\u201314, 17, 18]"),
        ([17, 18], "[17, 18]"),
        ([3, 1, 2], "[1\u20133]"),
        ([5], "[5]"),
    ],
)
def test_runs_of_three_or_more_numbers_read_as_a_range(numbers: list[int], reads: str) -> None:
    children = [Text(str(number)) for number in numbers]
    for child, number in zip(children, numbers, strict=True):
        child.sort_key = (number, "")  # type: ignore[attr-defined]
    node = AscendingLabelReferenceStyle().outer("p", children)
    assert node.format_data({}).render_as("text") == reads
