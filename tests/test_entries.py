"""Publication entries on the built site: owner, markers, links, BibTeX, backlinks, co-authors."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import bibtexparser
from pybtex.database import Person

from conftest import PROJECT, Build, build_project, label_of, project_library
from research_site.bib.cleanbib import STANDARD_FIELDS
from research_site.bib.names import name_key
from research_site.bib.texts import field_plain
from seed import DATA, papers, research_citations

PUBLICATIONS = "publications/index.html"
RESEARCH = ["deep-learning-theory", "transformers-llms", "optimization"]
CLEAN_FIELDS = set(STANDARD_FIELDS) | {"author", "editor"}


def test_owner_is_strong_in_every_entry(site: Build) -> None:
    found = site.entries()
    assert set(found) == set(project_library().papers)
    for key, item in found.items():
        strong = [s.get_text() for s in item.select(".pub-authors strong")]
        owner = [a.plain for a in project_library().facts(key).authors if a.is_owner]
        assert strong == owner, key


def test_markers_sit_on_exactly_the_seed_names(site: Build) -> None:
    for item in site.entries().values():
        paper = papers().get(label_of(item))
        if paper is None:
            continue  # added after the seed
        marked = {}
        for sup in item.select(".pub-authors sup"):
            marked[sup.previous_sibling.get_text().lstrip(", ").strip()] = sup.get_text()
        assert marked == {a: m for a, m in zip(paper.authors, paper.markers, strict=True) if m}


def test_awards_are_badges(site: Build) -> None:
    library = project_library()
    expected = {
        key: str(library.facts(key).award) for key in library.papers if library.facts(key).award
    }
    found = {
        key: item.select_one(".pub-award").get_text()
        for key, item in site.entries().items()
        if item.select_one(".pub-award")
    }
    assert found == expected
    seed_awards = [p.number for p in papers().values() if "Spotlight" in p.venue_line]
    assert sorted(library.number(key) for key in found) >= sorted(seed_awards)


def test_arxiv_and_venue_links(site: Build) -> None:
    with (DATA / "papers-identifiers.tsv").open(encoding="utf-8") as handle:
        rows = {int(r["number"]): r for r in csv.DictReader(handle, delimiter="\t")}
    arxiv_links = 0
    for item in site.entries().values():
        links = {a.get_text(): a["href"] for a in item.select("p.pub-links a")}
        row = rows.get(label_of(item))
        if row is None:
            continue  # added after the seed: its links are its own
        if row["arxiv_id"]:
            assert links["arXiv"] == f"https://arxiv.org/abs/{row['arxiv_id']}"
            assert links["PDF"] == f"https://arxiv.org/pdf/{row['arxiv_id']}"
            arxiv_links += 1
        else:
            assert "arXiv" not in links
        venue = {t: h for t, h in links.items() if t not in {"arXiv", "PDF"}}
        expected = row["venue_url"].replace("http://", "https://", 1)
        assert list(venue.values()) == ([expected] if expected else [])
    assert arxiv_links == sum(1 for row in rows.values() if row["arxiv_id"])


def test_bibtex_records_are_clean_and_complete(site: Build) -> None:
    library = project_library()
    for key, item in site.entries().items():
        details = item.select_one("details.pub-bibtex")
        assert details.summary.get_text() == "BibTeX"
        parsed = bibtexparser.parse_string(details.pre.get_text())
        assert parsed.failed_blocks == [] and len(parsed.entries) == 1
        record = parsed.entries[0]
        assert record.key == key
        fields = {f.key: f.value for f in record.fields}
        assert set(fields) <= CLEAN_FIELDS
        assert field_plain(fields["title"]) == library.facts(key).title_plain
        assert len(fields["author"].split(" and ")) == len(library.facts(key).authors)
        assert not re.search(r"\b\d{4}\b", fields["author"]), key  # no DBLP homonym numbers


def test_whole_bibliography_download(site: Build) -> None:
    link = site.article(PUBLICATIONS).select_one("p.pub-download a")
    parsed = bibtexparser.parse_file(str(site.outdir / "publications" / link["href"]))
    assert parsed.failed_blocks == []
    assert [e.key for e in parsed.entries] == list(project_library().papers)
    for entry in parsed.entries:
        assert {f.key for f in entry.fields} <= CLEAN_FIELDS


def citing_sections(site: Build) -> dict[str, set[str]]:
    """key -> {"page.html#section"} from the citations on the research pages."""
    result: dict[str, set[str]] = {}
    for page in RESEARCH:
        for span in site.article(f"research/{page}.html").select("span.bibtex-citation"):
            section = span.find_parent("section")["id"]
            for a in span.find_all("a"):
                anchor = a["href"].partition("#")[2]
                key = site.keys.get(anchor, anchor)
                result.setdefault(key, set()).add(f"{page}.html#{section}")
    return result


def test_discussed_in_equals_the_citing_sections(site: Build) -> None:
    expected = citing_sections(site)
    for key, item in site.entries().items():
        line = item.select_one("p.pub-discussed")
        if key not in expected:
            assert line is None, key
            continue
        assert {Path(a["href"]).name for a in line.find_all("a")} == expected[key], key
    seed_cited = {n for _, _, groups in research_citations() for group in groups for n in group}
    numbers = {label_of(item): key for key, item in site.entries().items()}
    assert {numbers[n] for n in seed_cited} <= set(expected)


def test_coauthor_page_counts(site: Build) -> None:
    library = project_library()
    counts: Counter[tuple[str, ...]] = Counter()
    numbers: dict[tuple[str, ...], list[int]] = {}
    for key in library.papers:
        for author in library.facts(key).named_authors:
            if not author.is_owner:
                counts[name_key(author.person)] += 1
                numbers.setdefault(name_key(author.person), []).append(library.number(key))
    page = site.article("publications/coauthors.html")
    with (PROJECT / "data" / "coauthors.tsv").open(encoding="utf-8") as handle:
        featured = [row["name"] for row in csv.DictReader(handle, delimiter="\t")]
    assert [a.get_text() for a in page.select("ul.coauthors a")] == featured
    rows = []
    for item in page.select("ul.coauthor-index > li"):
        name = item.find(["a", "strong"]).get_text()
        labels = sorted(int(a.get_text()) for a in item.select("span.pub-numbers a"))
        rows.append((name_key(Person(name)), labels))
    assert {name: len(labels) for name, labels in rows} == dict(counts)
    assert {name: labels for name, labels in rows} == {k: sorted(v) for k, v in numbers.items()}
    assert [len(labels) for _, labels in rows] == sorted((len(n) for _, n in rows), reverse=True)


def test_home_page_selected_papers_come_from_the_selected_field(site: Build) -> None:
    library = project_library()
    selected = [key for key in library.newest_first() if library.facts(key).selected]
    items = site.article("index.html").select("ul.pub-selected > li")
    keys = [li.select_one("span.pub-numbers a")["href"].partition("#")[2] for li in items]
    assert keys == selected
    for li, key in zip(items, keys, strict=True):
        title = " ".join(li.select_one(".pub-title").get_text().split())
        assert title == " ".join(site.entries()[key].select_one(".pub-title").get_text().split())


def test_parallel_build_gives_the_same_html(site: Build, tmp_path: Path) -> None:
    parallel = build_project(PROJECT, tmp_path / "html", parallel=2)
    assert parallel.warnings == ""
    pages = sorted(p.relative_to(site.outdir) for p in site.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    for page in pages:
        assert (parallel.outdir / page).read_text() == (site.outdir / page).read_text(), page
