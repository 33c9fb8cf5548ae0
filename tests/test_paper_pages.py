"""A page per paper, read back by independent metadata readers (extruct and a parse
of the Highwire citation_* tags) and compared with refs.bib."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import extruct
import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup

from conftest import Build, project_conf, project_papers
from refsbib import BibPaper, page_name, plain
from seed import DATA, papers

BASE = "https://mingze-wang.readthedocs.io/en/latest/"
#: The owner's papers, read from refs.bib by the tests' own parser (tests/refsbib.py).
ORACLE = project_papers()
BY_KEY = {paper.key: paper for paper in ORACLE.values()}
PAPERS = list(BY_KEY)


def expected_title(key: str) -> str:
    """The seed's title for the seed's papers; refs.bib's (LaTeX decoded) for others."""
    paper = BY_KEY[key]
    seed = papers().get(paper.number)
    return seed.title if seed else paper.title


def title_matches(found: str, key: str) -> bool:
    """Whether *found* is the paper's title: as the seed or refs.bib writes it; with math, the
    text around it as written and the math as readable text (no ``$`` or backslash left)."""
    title = expected_title(key)
    if "$" not in title:
        return found == title
    parts = [part.strip() for part in re.split(r"\$[^$]*\$", title) if part.strip()]
    return all(part in found for part in parts) and not re.search(r"[$\\]", found)


def expected_authors(key: str) -> list[str]:
    """The seed's names for the seed's papers; refs.bib's for others."""
    paper = BY_KEY[key]
    seed = papers().get(paper.number)
    return list(seed.authors if seed else paper.authors)


def expected_arxiv(paper: BibPaper) -> str | None:
    """The arXiv id of tests/data/papers-identifiers.tsv (the seed's papers), else eprint."""
    with (DATA / "papers-identifiers.tsv").open(encoding="utf-8") as handle:
        rows = {int(r["number"]): r["arxiv_id"] for r in csv.DictReader(handle, delimiter="\t")}
    if paper.number in rows:
        return rows[paper.number] or None
    return paper.fields.get("eprint") or None


def page_html(site: Build, key: str) -> str:
    return (site.outdir / "publications" / page_name(key)).read_text(encoding="utf-8")


def venue_tag(paper: BibPaper) -> tuple[str, str] | None:
    """The Highwire tag naming a conference's or journal's venue, and its text."""
    fields = paper.fields
    if "booktitle" in fields:
        return "citation_conference_title", plain(fields["booktitle"])
    journal = fields.get("journal", "")
    if journal and not re.match(r"(arxiv|corr)\b", journal, re.I):
        return "citation_journal_title", plain(journal)
    return None


@pytest.mark.parametrize("key", PAPERS)
def test_metadata_read_back_equals_refs_bib(site: Build, key: str) -> None:
    html, paper = page_html(site, key), BY_KEY[key]
    year, eprint = paper.fields["year"], expected_arxiv(paper)
    url = f"{BASE}publications/{page_name(key)}"
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)
    (article,) = [item for item in data["json-ld"] if item.get("@type") == "ScholarlyArticle"]
    assert title_matches(article["name"], key)
    assert [a["name"] for a in article["author"]] == expected_authors(key)
    assert article["datePublished"].startswith(year)
    if eprint:
        assert f"https://arxiv.org/abs/{eprint}" in article["sameAs"]
    (graph,) = data["opengraph"]  # uniform: og:type becomes @type
    assert title_matches(graph["og:title"], key)
    assert graph["@type"] == "article"
    assert graph["og:url"] == url

    head = BeautifulSoup(html, "html.parser").head
    tags: dict[str, list[str]] = {}
    for tag in head.find_all("meta", attrs={"name": True}):
        tags.setdefault(tag["name"], []).append(tag["content"])
    assert len(tags["citation_title"]) == 1 and title_matches(tags["citation_title"][0], key)
    assert tags["citation_author"] == expected_authors(key)
    assert tags["citation_publication_date"][0].startswith(year)
    assert tags["citation_abstract_html_url"] == [url]
    assert tags.get("citation_arxiv_id", [None]) == [eprint]
    venue = venue_tag(paper)
    if venue:
        assert tags[venue[0]] == [venue[1]]
    assert tags.get("citation_doi", [None]) == [paper.fields.get("doi")]
    assert tags["description"][0]


def test_paper_pages_show_the_entry_and_link_back(site: Build) -> None:
    page = site.article("publications/wang2025gradpower.html")
    assert page.find("h1").get_text(strip=True).startswith("GradPower")
    assert page.find(class_="pub-label").get_text() == "[18]"
    assert page.select_one(".pub-authors strong").get_text() == "Mingze Wang"
    assert page.select_one("details.pub-bibtex pre")
    assert page.select_one("p.pub-discussed a")
    back = page.select_one("p.pub-back a")["href"]
    assert back == "index.html#wang2025gradpower"


@pytest.mark.parametrize("key", PAPERS)
def test_a_paper_page_is_the_papers_home(site: Build, key: str) -> None:
    paper, name = BY_KEY[key], page_name(key)
    slug = name.removesuffix(".html")
    page = site.article(f"publications/{name}")
    (h1,) = site.soup(f"publications/{name}").find_all("h1")
    if h1.find("math") is None:  # (MathML's text is not the readable title)
        assert h1.get_text().rstrip("¶#") == expected_title(key)
    else:
        assert "$" in paper.title
    assert page.select_one(".pub-title") is None  # the title once
    assert page.select_one(".pub-label").get_text() == f"[{paper.number}]"
    annotation = paper.fields.get("author+an", "")
    used = {symbol for word, symbol in (("equal", "*"), ("lead", "†")) if word in annotation}
    legend = page.select_one("p.pub-legend")
    assert (legend is not None) == bool(used)
    if used:
        assert {sup.get_text() for sup in legend.select("sup")} == used
    cite = page.select_one("section#cite")
    citation = cite.select_one("p.pub-citation").get_text()
    assert expected_title(key) in citation or "$" in paper.title
    assert all(author in citation for author in expected_authors(key))
    assert cite.select_one("details.pub-bibtex div.highlight pre")  # what "Copy" copies
    files = {a["href"] for a in cite.select("p.pub-downloads a")}
    assert files == {f"{slug}.bib", f"{slug}.ris"}
    bib = pybtex.database.parse_file(str(site.outdir / "publications" / f"{slug}.bib"))
    assert list(bib.entries) == [key]
    (record,) = rispy.load(site.outdir / "publications" / f"{slug}.ris", encoding="utf-8")
    names = [" ".join(reversed(name.split(", ", 1))) for name in record["authors"]]
    assert names == expected_authors(key)
    assert title_matches(record["title"], key)
    assert record["year"] == paper.fields["year"]
    assert record.get("doi") == paper.fields.get("doi")
    eprint = expected_arxiv(paper)
    assert (f"https://arxiv.org/abs/{eprint}" in record.get("urls", [])) == bool(eprint)
    for kind, other in (("prev", paper.number - 1), ("next", paper.number + 1)):
        link = site.soup(f"publications/{name}").select_one(f"a.{kind}-page")
        if other in ORACLE:
            assert link["href"] == page_name(ORACLE[other].key)
            assert f"[{other}]" in link.get_text()
        else:
            assert link is None or "publications" not in link["href"]


def test_every_list_entry_links_to_its_page_and_all_are_in_the_sitemap(site: Build) -> None:
    article = site.article("publications/index.html")
    linked = set()
    for item in article.select("li.pub-entry"):
        href = item.select_one(".pub-title a")["href"]
        assert (site.outdir / "publications" / href).is_file(), href
        linked.add(href)
    assert linked == {page_name(key) for key in PAPERS}
    tree = ET.parse(site.outdir / "sitemap.xml")
    locations = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {f"{BASE}publications/{href}" for href in linked} <= locations


def test_home_page_describes_the_owner(site: Build) -> None:
    html = (site.outdir / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=BASE, syntaxes=["json-ld"], uniform=True)
    (person,) = [item for item in data["json-ld"] if item.get("@type") == "Person"]
    assert person["name"] == "Mingze Wang"
    assert "Peking University" in json.dumps(person["affiliation"])
    conf = project_conf()
    links = [
        conf[f"research_site_owner_{name}"] for name in ("homepage", "scholar", "orcid", "github")
    ]
    assert person["sameAs"] == [link for link in links if link]
    assert person["alternateName"] == conf["owner_native"]
    line = site.article("index.html").select_one("p.owner-links")
    assert [a["href"] for a in line.select("a")] == [link for link in links if link]
    position = site.article("index.html").select_one("p.owner-position").get_text()
    assert f"Advisor: {conf['research_site_owner_advisor']}" in position


@pytest.mark.sphinx("html", testroot="paper-pages", freshenv=True)
def test_a_small_site_gets_its_pages_metadata_and_a_whole_sitemap(app: Any) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    pages = app.outdir / "publications"
    head = BeautifulSoup((pages / "lovelace1843notes.html").read_text(), "html.parser").head
    meta = {tag["name"]: tag["content"] for tag in head.find_all("meta", attrs={"name": True})}
    assert meta["citation_title"] == "Sketch of the Analytical Engine & Notes"
    assert meta["citation_journal_title"] == "Scientific Memoirs"
    assert meta["citation_publication_date"] == "1843/09"
    assert meta["description"] == (
        "Ada Lovelace and Luigi Menabrea. Scientific Memoirs, September 1843."
    )
    head = BeautifulSoup((pages / "lovelace1844loom.html").read_text(), "html.parser").head
    meta = {tag["name"]: tag["content"] for tag in head.find_all("meta", attrs={"name": True})}
    assert meta["citation_conference_title"] == "Proceedings of the Weaving Society"
    assert "citation_arxiv_id" not in meta

    def sitemap() -> set[str]:
        tree = ET.parse(app.outdir / "sitemap.xml")
        return {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}

    expected = {
        f"https://example.org/site/{page}.html"
        for page in ("index", "notes", "list", "publications/lovelace1843notes")
    } | {"https://example.org/site/publications/lovelace1844loom.html"}
    assert sitemap() == expected
    (app.srcdir / "notes.md").write_text(
        (app.srcdir / "notes.md").read_text() + "\nMore.\n", encoding="utf-8"
    )
    app.build()  # writes one page: the sitemap still lists every page
    assert sitemap() == expected
