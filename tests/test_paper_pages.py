"""A page per paper, read back by independent metadata readers (extruct and a parse
of the Highwire citation_* tags) and compared with refs.bib."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import extruct
import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup

from conftest import Build, project_conf, project_library
from research_site.bib.names import surname
from research_site.bib.texts import plain
from research_site.styles.formatting import citation_text

BASE = "https://mingze-wang.readthedocs.io/en/latest/"
PAPERS = list(project_library().papers)


def expected_authors(key: str) -> list[str]:
    """The named authors, as the bib layer reads them (tested on export styles by
    test_exports.py): DBLP numbers dropped, ``others`` left out."""
    return [author.plain for author in project_library().facts(key).named_authors]


def expected_title(key: str) -> str:
    return project_library().facts(key).title_plain


def page_html(site: Build, key: str) -> str:
    slug = project_library().slug(key)
    return (site.outdir / "publications" / f"{slug}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", PAPERS)
def test_metadata_read_back_equals_refs_bib(site: Build, key: str) -> None:
    html = page_html(site, key)
    facts = project_library().facts(key)
    url = f"{BASE}publications/{project_library().slug(key)}.html"
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)
    (article,) = [item for item in data["json-ld"] if item.get("@type") == "ScholarlyArticle"]
    assert article["name"] == expected_title(key)
    assert [a["name"] for a in article["author"]] == expected_authors(key)
    assert article["datePublished"].startswith(str(facts.date.year))
    eprint = facts.arxiv_id
    if eprint:
        assert f"https://arxiv.org/abs/{eprint}" in article["sameAs"]
    (graph,) = data["opengraph"]  # uniform: og:type becomes @type
    assert graph["og:title"] == expected_title(key)
    assert graph["@type"] == "article"
    assert graph["og:url"] == url

    head = BeautifulSoup(html, "html.parser").head
    tags: dict[str, list[str]] = {}
    for tag in head.find_all("meta", attrs={"name": True}):
        tags.setdefault(tag["name"], []).append(tag["content"])
    assert tags["citation_title"] == [expected_title(key)]
    assert tags["citation_author"] == expected_authors(key)
    assert tags["citation_publication_date"][0].startswith(str(facts.date.year))
    assert tags["citation_abstract_html_url"] == [url]
    assert tags.get("citation_arxiv_id", [None]) == [eprint]
    if facts.venue.kind == "conference":
        assert tags["citation_conference_title"] == [facts.venue_plain]
    if facts.venue.kind == "journal":
        assert tags["citation_journal_title"] == [facts.venue_plain]
    assert tags.get("citation_doi", [None]) == [facts.doi]
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
    library = project_library()
    facts, slug = library.facts(key), library.slug(key)
    page = site.article(f"publications/{slug}.html")
    (h1,) = site.soup(f"publications/{slug}.html").find_all("h1")
    if h1.find("math") is None:  # (MathML's text is not the readable title)
        assert h1.get_text().rstrip("¶#") == facts.title_plain
    else:
        assert "$" in library.entry(key).fields["title"]
    assert page.select_one(".pub-title") is None  # the title once
    used = {symbol for author in facts.authors for symbol in author.markers}
    legend = page.select_one("p.pub-legend")
    assert (legend is not None) == bool(used)
    if used:
        assert {sup.get_text() for sup in legend.select("sup")} == used
    cite = page.select_one("section#cite")
    assert cite.select_one("p.pub-citation").get_text() == plain(citation_text(facts))
    assert cite.select_one("details.pub-bibtex div.highlight pre")  # the copy button's target
    files = {a["href"] for a in cite.select("p.pub-downloads a")}
    assert files == {f"{slug}.bib", f"{slug}.ris"}
    bib = pybtex.database.parse_file(str(site.outdir / "publications" / f"{slug}.bib"))
    assert list(bib.entries) == [key]
    (record,) = rispy.load(site.outdir / "publications" / f"{slug}.ris", encoding="utf-8")
    named = facts.named_authors
    assert [name.split(", ")[0] for name in record["authors"]] == [surname(a.person) for a in named]
    pairs = zip(named, record["authors"], strict=True)
    assert all(author.plain.startswith(name.split(", ")[1]) for author, name in pairs)
    assert record["title"] == facts.title_plain
    assert record["year"] == str(facts.date.year)
    assert record.get("doi") == facts.doi
    assert record.get("urls", []) == [link.url for link in facts.links]
    number = library.number(key)
    for name, other in (("prev", (number or 0) - 1), ("next", (number or 0) + 1)):
        link = site.soup(f"publications/{slug}.html").select_one(f"a.{name}-page")
        if 1 <= other <= len(library.papers):
            neighbour = library.papers[other - 1]
            assert link["href"] == f"{library.slug(neighbour)}.html"
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
    assert linked == {f"{project_library().slug(key)}.html" for key in PAPERS}
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
        "Ada Lovelace, Luigi Menabrea. Scientific Memoirs, September 1843."
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
