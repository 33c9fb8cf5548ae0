"""The built site against the seed: list, labels, order, citations, home page."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, Build
from seed import papers, research_citations

PUBLICATIONS = "publications/index.html"


def entry_text(citation: BeautifulSoup) -> str:
    return " ".join(citation.find("p").get_text(" ", strip=True).split())


def test_build_has_no_warnings(site: Build) -> None:
    assert site.warnings == ""


def test_years_are_sections_newest_first_with_stable_anchors(site: Build) -> None:
    article = site.article(PUBLICATIONS)
    years = [section["id"] for section in article.select("section > section")]
    assert years == ["2025", "2024", "2023", "2022"]
    for year in years:
        assert article.find(id=year).find("h2").get_text(strip=True).startswith(year)


def test_eighteen_entries_in_seed_order_under_their_year(site: Build) -> None:
    article = site.article(PUBLICATIONS)
    labels = []
    for section in article.select("section > section"):
        for citation in section.select("div.citation"):
            label = int(citation.find(class_="label").get_text(strip=True).strip("[]"))
            labels.append(label)
            assert f" {section['id']}." in entry_text(citation), (label, section["id"])
    assert labels == list(range(18, 0, -1))


def test_entries_carry_the_seed_title_and_authors(site: Build) -> None:
    article = site.article(PUBLICATIONS)
    by_label = {
        int(c.find(class_="label").get_text(strip=True).strip("[]")): c
        for c in article.select("div.citation")
    }
    for number, paper in papers().items():
        citation = by_label[number]
        title = paper.title if paper.title.endswith("?") else paper.title + "."
        assert citation.find(class_="pub-title").get_text(strip=True) == title
        authors = citation.find(class_="pub-authors").get_text("", strip=False)
        expected = ", ".join(a + m for a, m in zip(paper.authors, paper.markers, strict=True)) + "."
        assert " ".join(authors.split()) == expected


def test_legend_is_next_to_the_list(site: Build) -> None:
    legend = site.article(PUBLICATIONS).find(class_="pub-legend")
    assert " ".join(legend.get_text().split()) == "* equal contribution, \u2020 project lead"


@pytest.mark.parametrize(
    ("page", "section", "groups"), research_citations(), ids=lambda v: str(v)[:40]
)
def test_research_citations_match_the_seed(
    site: Build, page: str, section: str, groups: list[list[int]]
) -> None:
    article = site.article(f"{page}.html")
    node = article.find("section", id=section)
    assert node is not None, f"{page} has no section #{section}"
    own = [
        span for span in node.select("span.bibtex-citation") if span.find_parent("section") is node
    ]
    found = [[int(a.get_text()) for a in span.find_all("a")] for span in own]
    assert found == [sorted(group) for group in groups]


def test_every_citation_links_to_its_entry_with_the_same_label(site: Build) -> None:
    publications = site.article(PUBLICATIONS)
    label_of = {
        c["id"]: c.find(class_="label").get_text(strip=True).strip("[]")
        for c in publications.select("div.citation")
    }
    pages = ["index.html"] + [
        f"research/{p.name}" for p in (site.outdir / "research").glob("*.html")
    ]
    count = 0
    for page in pages:
        for link in site.article(page).select("span.bibtex-citation a"):
            path, _, anchor = link["href"].partition("#")
            assert (site.outdir / Path(page).parent / path).resolve() == (
                site.outdir / PUBLICATIONS
            ).resolve()
            assert label_of[anchor] == link.get_text(strip=True), (page, anchor)
            count += 1
    assert count > 50


def test_home_page_has_owner_areas_selected_papers_and_coauthors(site: Build) -> None:
    home = site.article("index.html")
    assert home.find("h1").get_text(strip=True).startswith("Mingze Wang")
    assert "Peking University" in home.get_text()
    area_links = {
        a["href"] for a in home.select("a.reference.internal") if a["href"].startswith("research/")
    }
    assert area_links >= {
        "research/deep-learning-theory.html",
        "research/transformers-llms.html",
        "research/optimization.html",
    }
    selected = home.select("ul.pub-selected > li")
    assert selected, "no selected publications on the home page"
    for item in selected:
        assert item.find("strong").get_text(strip=True) == "Mingze Wang"
    with (PROJECT / "data" / "coauthors.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 5
    listed = {a.get_text(strip=True): a["href"] for a in home.select("ul.coauthors a")}
    for row in rows:
        assert listed[row["name"]] == row["homepage"]
        assert row["affiliation"] in home.select_one("ul.coauthors").get_text()
