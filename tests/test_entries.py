"""Publication entries on the built site: owner, markers, links, BibTeX, backlinks, co-authors."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import bibtexparser
import pybtex.database
from bs4 import BeautifulSoup

from conftest import PROJECT, Build, build_project
from research_site.cleanbib import STANDARD_FIELDS
from seed import DATA, papers

PUBLICATIONS = "publications/index.html"
RESEARCH = ["deep-learning-theory", "transformers-llms", "optimization"]


def entries(site: Build) -> dict[str, BeautifulSoup]:
    return {c["id"]: c for c in site.article(PUBLICATIONS).select("div.citation")}


def label(citation: BeautifulSoup) -> int:
    return int(citation.find(class_="label").get_text(strip=True).strip("[]"))


def test_owner_is_strong_in_all_18_entries(site: Build) -> None:
    found = entries(site)
    assert len(found) == 18
    for key, citation in found.items():
        strong = [s.get_text() for s in citation.select(".pub-authors strong")]
        assert strong == ["Mingze Wang"], key


def test_markers_sit_on_exactly_the_seed_names(site: Build) -> None:
    for citation in entries(site).values():
        paper = papers()[label(citation)]
        marked = {}
        for sup in citation.select(".pub-authors sup"):
            name = sup.previous_sibling
            marked[name.get_text().lstrip(", ").strip()] = sup.get_text()
        expected = {a: m for a, m in zip(paper.authors, paper.markers, strict=True) if m}
        assert marked == expected, paper.number


def test_awards_are_badges(site: Build) -> None:
    badges = {
        label(c): c.select_one(".pub-award").get_text()
        for c in entries(site).values()
        if c.select_one(".pub-award")
    }
    assert badges == {11: "Spotlight, top 5.1%", 4: "Spotlight, top 3.5%"}


def test_arxiv_and_venue_links(site: Build) -> None:
    with (DATA / "papers-identifiers.tsv").open(encoding="utf-8") as handle:
        rows = {int(r["number"]): r for r in csv.DictReader(handle, delimiter="\t")}
    arxiv_links = 0
    for citation in entries(site).values():
        row = rows[label(citation)]
        links = {a.get_text(): a["href"] for a in citation.select("p.pub-links a")}
        if row["arxiv_id"]:
            assert links["arXiv"] == f"https://arxiv.org/abs/{row['arxiv_id']}"
            assert links["PDF"] == f"https://arxiv.org/pdf/{row['arxiv_id']}"
            arxiv_links += 1
        else:
            assert "arXiv" not in links
        venue = {t: h for t, h in links.items() if t not in {"arXiv", "PDF"}}
        expected = row["venue_url"].replace("http://", "https://", 1)
        assert list(venue.values()) == ([expected] if expected else [])
    assert arxiv_links == 17


def test_bibtex_records_are_clean_and_complete(site: Build) -> None:
    bib = pybtex.database.parse_file(str(PROJECT / "refs.bib"))
    allowed = set(STANDARD_FIELDS) | {"author", "editor"}
    for key, citation in entries(site).items():
        details = citation.select_one("details.pub-bibtex")
        assert details.summary.get_text() == "BibTeX"
        record = details.pre.get_text()
        library = bibtexparser.parse_string(record)
        assert library.failed_blocks == [] and len(library.entries) == 1
        parsed = library.entries[0]
        assert parsed.key == key
        fields = {f.key: f.value for f in parsed.fields}
        assert set(fields) <= allowed
        assert fields["title"].strip("{}").replace("{", "").replace("}", "") == str(
            pybtex.richtext.Text.from_latex(bib.entries[key].fields["title"])
        )
        assert len(fields["author"].split(" and ")) == len(bib.entries[key].persons["author"])


def test_whole_bibliography_download(site: Build) -> None:
    link = site.article(PUBLICATIONS).select_one("p.pub-download a")
    path = site.outdir / "publications" / link["href"]
    library = bibtexparser.parse_file(str(path))
    assert library.failed_blocks == []
    assert len(library.entries) == 18
    for entry in library.entries:
        assert {f.key for f in entry.fields} <= set(STANDARD_FIELDS) | {"author"}


def citing_sections(site: Build) -> dict[str, set[str]]:
    """key -> {"page.html#section"} from the citations on the research pages."""
    result: dict[str, set[str]] = {}
    for page in RESEARCH:
        article = site.article(f"research/{page}.html")
        for span in article.select("span.bibtex-citation"):
            section = span.find_parent("section")["id"]
            for a in span.find_all("a"):
                key = a["href"].partition("#")[2]
                result.setdefault(key, set()).add(f"{page}.html#{section}")
    return result


def test_discussed_in_equals_the_citing_sections(site: Build) -> None:
    expected = citing_sections(site)
    for key, citation in entries(site).items():
        line = citation.select_one("p.pub-discussed")
        if key not in expected:
            assert line is None, key
            continue
        found = {Path(a["href"]).name for a in line.find_all("a")}
        assert found == expected[key], key
    assert set(expected) == set(entries(site)) - {"huang2024detectors", "zhang2025labelnoise"}


def test_coauthor_page_counts(site: Build) -> None:
    bib = pybtex.database.parse_file(str(PROJECT / "refs.bib"))
    counts: Counter[str] = Counter()
    numbers: dict[str, list[int]] = {}
    for number, entry in enumerate(bib.entries.values(), start=1):
        for person in entry.persons["author"]:
            name = " ".join(person.first_names + person.middle_names + person.last_names)
            if name != "Mingze Wang":
                counts[name] += 1
                numbers.setdefault(name, []).append(number)
    page = site.article("publications/coauthors.html")
    featured = [a.get_text() for a in page.select("ul.coauthors a")]
    assert featured == ["Weinan E", "Chao Ma", "Lei Wu", "Weijie J. Su", "Liu Ziyin"]
    rows = []
    for item in page.select("ul.coauthor-index > li"):
        name = item.find(["a", "strong"]).get_text()
        labels = [int(a.get_text()) for a in item.select("span.bibtex-citation a")]
        rows.append((name, labels))
    assert {name: len(labels) for name, labels in rows} == dict(counts)
    assert {name: labels for name, labels in rows} == numbers
    assert [len(labels) for _, labels in rows] == sorted((len(n) for _, n in rows), reverse=True)


def test_home_page_selected_papers_come_from_the_selected_field(site: Build) -> None:
    bib = pybtex.database.parse_file(str(PROJECT / "refs.bib"))
    selected = [k for k, e in bib.entries.items() if e.fields.get("selected") == "true"]
    items = site.article("index.html").select("ul.pub-selected > li")
    keys = [li.select_one("span.bibtex-citation a")["href"].partition("#")[2] for li in items]
    assert keys == list(reversed(selected))
    for li, key in zip(items, keys, strict=True):
        rendered = " ".join(li.select_one(".pub-title").get_text().split())
        assert rendered.rstrip(".?") in " ".join(entries(site)[key].get_text().split())


def test_parallel_build_gives_the_same_html(site: Build, tmp_path: Path) -> None:
    parallel = build_project(PROJECT, tmp_path / "html", parallel=2)
    assert parallel.warnings == ""
    pages = sorted(p.relative_to(site.outdir) for p in site.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    for page in pages:
        assert (parallel.outdir / page).read_text() == (site.outdir / page).read_text(), page
