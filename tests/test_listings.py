"""The publication list and the selected papers, on a small site (test-publication-list)."""

from __future__ import annotations

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import label_of
from research_site.bib.cleanbib import STANDARD_FIELDS


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert app.warning.getvalue() == ""
    return app


@pytest.mark.sphinx("html", testroot="publication-list")
def test_years_newest_first_papers_highest_number_first(built: SphinxTestApp) -> None:
    page = soup(built, "list.html")
    years = {
        section["id"]: [item["id"] for item in section.select("li.pub-entry")]
        for section in page.select("section#publications > section")
    }
    assert list(years) == ["2025", "2024", "2023"]
    # file order is the numbering: looms joined after bernoulli, so it is listed above it
    assert years == {
        "2025": ["lovelace2025poetry"],
        "2024": ["lovelace2024looms", "lovelace2024bernoulli"],
        "2023": ["lovelace2023engine"],
    }
    labels = [label_of(item) for item in page.select("li.pub-entry")]
    assert labels == [3, 4, 2, 1]
    assert page.find(id="2024").find("h2").get_text(strip=True).startswith("2024")


@pytest.mark.sphinx("html", testroot="publication-list")
def test_an_entry_shows_owner_markers_venue_award_and_links(built: SphinxTestApp) -> None:
    entry = soup(built, "list.html").find(id="lovelace2023engine")
    assert entry.select_one(".pub-title").get_text(strip=True) == "Notes on the Analytical Engine."
    assert [s.get_text() for s in entry.select(".pub-authors strong")] == ["Ada Lovelace"]
    assert [s.get_text() for s in entry.select(".pub-authors sup")] == ["\u2020"]
    assert entry.select_one(".pub-venue").get_text() == (
        "2023 Conference on Engines (CoE 2023), 1\u201312, December 2023."
    )
    assert entry.select_one(".pub-award").get_text() == "Oral, top 1%"
    links = {a.get_text(): a["href"] for a in entry.select("p.pub-links a")}
    assert links == {
        "arXiv": "https://arxiv.org/abs/2301.00001",
        "PDF": "https://arxiv.org/pdf/2301.00001",
        "OpenReview": "https://openreview.net/forum?id=abc",
    }
    assert entry.select_one(".pub-title a")["href"] == "publications/lovelace2023engine.html"


@pytest.mark.sphinx("html", testroot="publication-list")
def test_status_and_preprint_venue_lines(built: SphinxTestApp) -> None:
    page = soup(built, "list.html")
    venue = {
        key: page.find(id=key).select_one(".pub-venue").get_text()
        for key in built.env.get_domain("research").library.papers
    }
    assert venue["lovelace2025poetry"] == "Under review, May 2025."
    assert venue["lovelace2024bernoulli"] == "arXiv preprint, June 2024."
    assert venue["lovelace2024looms"] == "2024 Workshop on Weaving, 2024."
    markers = [s.get_text() for s in page.find(id="lovelace2024bernoulli").select("sup")]
    assert markers == ["*", "*"]


@pytest.mark.sphinx("html", testroot="publication-list")
def test_bibtex_records_are_clean_and_downloadable(built: SphinxTestApp) -> None:
    page = soup(built, "list.html")
    allowed = set(STANDARD_FIELDS) | {"author", "editor"}
    for item in page.select("li.pub-entry"):
        details = item.select_one("details.pub-bibtex")
        assert details.summary.get_text() == "BibTeX"
        library = bibtexparser.parse_string(details.pre.get_text())
        assert library.failed_blocks == [] and [e.key for e in library.entries] == [item["id"]]
        assert {f.key for f in library.entries[0].fields} <= allowed
    download = page.select_one("p.pub-download a")
    assert download["href"] == "papers.bib"
    records = bibtexparser.parse_file(str(built.outdir / "papers.bib"))
    assert [e.key for e in records.entries] == [
        "lovelace2023engine",
        "lovelace2024bernoulli",
        "lovelace2025poetry",
        "lovelace2024looms",
    ]


@pytest.mark.sphinx("html", testroot="publication-list")
def test_legend_and_selected_papers(built: SphinxTestApp) -> None:
    home = soup(built, "index.html")
    legend = home.select_one("p.pub-legend").get_text(" ", strip=True)
    assert " ".join(legend.split()) == "* equal contribution, \u2020 project lead"
    items = home.select("ul.pub-selected > li")
    labels = [li.select_one("span.pub-numbers").get_text() for li in items]
    assert labels == ["[3]", "[2]"]
    assert items[0].select_one("span.pub-numbers a")["href"] == "list.html#lovelace2025poetry"
    assert items[1].select_one(".pub-title a")["href"] == "publications/lovelace2024bernoulli.html"


@pytest.mark.sphinx("html", testroot="second-site")
def test_extension_declares_version_and_parallel_safety(app: SphinxTestApp) -> None:
    for name in ("research_site", "research_site.speed"):
        extension = app.extensions[name]
        assert extension.version
        assert extension.parallel_read_safe is True
        assert extension.parallel_write_safe is True
