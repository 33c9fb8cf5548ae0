"""Publication entries on the built site: owner, markers, links, BibTeX, backlinks, co-authors."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from conftest import PROJECT, Build, label_of, project_conf, project_papers
from refsbib import fold, name_words, page_name, plain
from seed import DATA, papers, research_citations

PUBLICATIONS = "publications/index.html"
RESEARCH = ["deep-learning-theory", "transformers-llms", "optimization"]


OWNER = str(project_conf()["research_site_owner"])


def test_owner_is_strong_in_every_entry(site: Build) -> None:
    found = site.entries()
    papers_by_key = {paper.key: paper for paper in project_papers().values()}
    assert set(found) == set(papers_by_key)
    for key, item in found.items():
        strong = [s.get_text() for s in item.select(".pub-authors strong")]
        owner = [name for name in papers_by_key[key].authors if fold(name) == fold(OWNER)]
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
    listed = project_papers().values()
    expected = {p.key: plain(p.fields["award"]) for p in listed if "award" in p.fields}
    found = {
        key: item.select_one(".pub-award").get_text()
        for key, item in site.entries().items()
        if item.select_one(".pub-award")
    }
    assert found == expected
    seed_awards = {p.number for p in papers().values() if "Spotlight" in p.venue_line}
    assert seed_awards and seed_awards <= {label_of(site.entries()[key]) for key in found}


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


def citing_sections(site: Build) -> dict[str, set[str]]:
    """key -> {"page.html#section"} from the citations on the research pages (each names
    every entry it cites in ``data-previews``: a range links only its ends)."""
    result: dict[str, set[str]] = {}
    for page in RESEARCH:
        for span in site.article(f"research/{page}.html").select("span.pub-cite"):
            section = span.find_parent("section")["id"]
            for preview in span["data-previews"].split():
                anchor = preview.removeprefix("preview-")
                key = site.keys.get(anchor, anchor)
                result.setdefault(key, set()).add(f"{page}.html#{section}")
    return result


def test_discussed_in_equals_the_citing_sections(site: Build) -> None:
    """On each paper's page (the list's entries leave it there)."""
    expected = citing_sections(site)
    for key, item in site.entries().items():
        assert item.select_one("p.pub-discussed") is None, key
        page = site.article(f"publications/{page_name(key)}")
        line = page.select_one("p.pub-discussed")
        if key not in expected:
            assert line is None, key
            continue
        assert {Path(a["href"]).name for a in line.find_all("a")} == expected[key], key
    seed_cited = {n for _, _, groups in research_citations() for group in groups for n in group}
    numbers = {label_of(item): key for key, item in site.entries().items()}
    assert {numbers[n] for n in seed_cited} <= set(expected)


def test_coauthor_page_counts(site: Build) -> None:
    counts: Counter[tuple[str, ...]] = Counter()
    numbers: dict[tuple[str, ...], list[int]] = {}
    for paper in project_papers().values():
        for name in paper.authors:
            if fold(name) != fold(OWNER):
                counts[name_words(name)] += 1
                numbers.setdefault(name_words(name), []).append(paper.number)
    page = site.article("publications/coauthors.html")
    with (PROJECT / "data" / "coauthors.tsv").open(encoding="utf-8") as handle:
        featured = [row["name"] for row in csv.DictReader(handle, delimiter="\t")]
    assert [a.get_text() for a in page.select("ul.coauthors a")] == featured
    rows = []
    for item in page.select("ul.coauthor-index > li"):
        name = item.find(["a", "strong"]).get_text()
        labels = sorted(int(a.get_text()) for a in item.select("span.pub-numbers a"))
        rows.append((name_words(name), labels))
    assert {name: len(labels) for name, labels in rows} == dict(counts)
    assert {name: labels for name, labels in rows} == {k: sorted(v) for k, v in numbers.items()}
    assert [len(labels) for _, labels in rows] == sorted((len(n) for _, n in rows), reverse=True)


def test_home_page_selected_papers_come_from_the_selected_field(site: Build) -> None:
    newest_first = sorted(project_papers().values(), key=lambda p: -p.number)
    selected = [p.key for p in newest_first if p.fields.get("selected") in ("true", "yes")]
    items = site.article("index.html").select("ul.pub-selected > li")
    keys = [li.select_one("span.pub-numbers a")["href"].partition("#")[2] for li in items]
    assert keys == selected
    for li, key in zip(items, keys, strict=True):
        title = " ".join(li.select_one(".pub-title").get_text().split())
        assert title == " ".join(site.entries()[key].select_one(".pub-title").get_text().split())
