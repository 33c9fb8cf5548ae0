"""The built site against the seed and refs.bib: list, labels, order, citations, home page.

Expectations come from the seed (the owner's own page, for its papers) and from
refs.bib read by the tests' own parser (tests/refsbib.py, for papers added since): a
paper appended to refs.bib as README says changes nothing here.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest
from bs4 import Tag

from citations import cited_numbers, compressed, research_page_citations
from conftest import PROJECT, Build, label_of, project_conf, project_papers
from linkcheck import broken_links
from refsbib import fold
from seed import papers, research_citations

PUBLICATIONS = "publications/index.html"
OWNER = str(project_conf()["research_site_owner"])


def entry_text(item: object) -> str:
    return " ".join(item.find("p").get_text(" ", strip=True).split())  # type: ignore[attr-defined]


def test_no_internal_link_or_fragment_is_broken(site: Build) -> None:
    assert broken_links(site.outdir) == []


def test_build_has_no_warnings(site: Build) -> None:
    assert site.warnings == ""


def test_every_paper_is_listed_once_under_its_year(site: Build) -> None:
    """(The order of years and papers is test_listings' behaviour; this is the content.)"""
    article = site.article(PUBLICATIONS)
    listed = {}
    for section in article.select("section > section"):
        assert section.find("h2").get_text(strip=True).startswith(section["id"])
        for item in section.select("li.pub-entry"):
            listed[site.keys[item["id"]]] = section["id"]
            assert f" {section['id']}." in entry_text(item), item["id"]
    expected = {paper.key: paper.fields["year"] for paper in project_papers().values()}
    assert listed == expected


def test_the_seed_papers_keep_their_numbers_titles_and_authors(site: Build) -> None:
    by_label = {label_of(item): item for item in site.entries().values()}
    for number, paper in papers().items():
        item = by_label[number]
        title = paper.title if paper.title.endswith("?") else paper.title + "."
        assert item.find(class_="pub-title").get_text(strip=True) == title
        authors = item.find(class_="pub-authors").get_text("", strip=False)
        expected = ", ".join(a + m for a, m in zip(paper.authors, paper.markers, strict=True))
        assert " ".join(authors.split()) == expected + "."


def test_legend_is_next_to_the_list(site: Build) -> None:
    legend = site.article(PUBLICATIONS).find(class_="pub-legend")
    assert " ".join(legend.get_text().split()) == "* equal contribution, \u2020 project lead"


def is_work(citation: Tag) -> bool:
    """A citation of works by others: its links go to the page's own References."""
    return all(a["href"].startswith("#") for a in citation.find_all("a"))


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
    # the owner's papers by number; works by others cited since read by author and year
    found = iter([cited_numbers(span.get_text()) for span in own if not is_work(span)])
    # each of the seed's citations, in order; a paper cited since may join one or add its own
    for group in groups:
        assert any(set(group) <= set(cited) for cited in found), (section, group)


def test_citations_read_as_compressed_ranges(site: Build) -> None:
    """``[1–6, 8–14, 17, 18]``: each citation of papers as its keys and numbers say."""
    assert compressed([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 17, 18]) == (
        "[1\u20136, 8\u201314, 17, 18]"
    )
    by_page: dict[str, list[str]] = {}
    for page, reads in research_page_citations():
        by_page.setdefault(page, []).append(reads)
    for page, expected in by_page.items():
        spans = site.article(page).select("span.bibtex-citation")
        assert len(spans) == len(expected), page
        for span, reads in zip(spans, expected, strict=True):
            if reads:  # (a citation of works by others reads by author and year)
                assert span.get_text() == reads, page
                ends = [int(a.get_text()) for a in span.find_all("a")]
                assert set(ends) <= set(cited_numbers(reads)) and len(ends) >= 1


def test_previews_weigh_at_most_15_kb_compressed(site: Build) -> None:
    """A research page's previews (its hidden store), with the whole script and stylesheet."""
    assets = [site.outdir / "_static" / name for name in ("research-site.js", "research_site.css")]
    scripts = sum(len(gzip.compress(path.read_bytes())) for path in assets)
    for path in (site.outdir / "research").glob("*.html"):
        store = site.soup(f"research/{path.name}").select_one("div.pub-previews")
        if store is not None:
            assert store.has_attr("hidden") and "no-search" in store["class"]
            assert scripts + len(gzip.compress(str(store).encode())) <= 15 * 1024, path.name


def test_every_citation_links_to_its_entry_with_the_same_label(site: Build) -> None:
    label = {key: str(label_of(item)) for key, item in site.entries().items()}
    pages = ["index.html"] + [
        f"research/{p.name}" for p in (site.outdir / "research").glob("*.html")
    ]
    count = 0
    for page in pages:
        article = site.article(page)
        for link in article.select("span.bibtex-citation a, span.pub-numbers a"):
            path, _, anchor = link["href"].partition("#")
            if anchor not in site.keys:  # a work by others: in this page's references
                assert not path and article.select_one(f"section.pub-references li#{anchor}")
                continue
            target = (site.outdir / Path(page).parent / path).resolve()
            assert target == (site.outdir / PUBLICATIONS).resolve()
            assert label[site.keys[anchor]] == link.get_text(strip=True), (page, anchor)
            count += 1
    assert count >= sum(len(group) for _, _, groups in research_citations() for group in groups)


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
    marked = [p for p in project_papers().values() if p.fields.get("selected") in ("true", "yes")]
    assert len(selected) == len(marked)
    for item in selected:
        assert fold(item.find("strong").get_text(strip=True)) == fold(OWNER)
    with (PROJECT / "data" / "coauthors.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    listed = {a.get_text(strip=True): a["href"] for a in home.select("ul.coauthors a")}
    assert listed == {row["name"]: row["homepage"] for row in rows}
    for row in rows:
        assert row["affiliation"] in home.select_one("ul.coauthors").get_text()
