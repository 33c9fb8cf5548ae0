"""The Atom feed of the owner's papers (publications/feed.xml), read back with feedparser and
compared with refs.bib read by the tests' own parser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import feedparser

from conftest import Build, project_papers
from refsbib import page_name
from seed import papers

BASE = "https://mingze-wang.readthedocs.io/en/latest/"
FEED = "publications/feed.xml"


def test_the_feed_has_every_paper_newest_first(site: Build) -> None:
    feed = feedparser.parse((site.outdir / FEED).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    listed = project_papers()
    newest_first = [listed[n] for n in sorted(listed, reverse=True)]
    assert [e.link for e in feed.entries] == [
        f"{BASE}publications/{page_name(p.key)}" for p in newest_first
    ]
    assert len({e.id for e in feed.entries}) == len(listed)
    for entry, paper in zip(feed.entries, newest_first, strict=True):
        seed = papers().get(paper.number)
        if seed is not None:  # the seed's own words
            assert entry.title == seed.title
            assert [a.name for a in entry.authors] == list(seed.authors)
        assert entry.updated.startswith(paper.fields["year"])
        if paper.fields.get("eprint"):
            related = [link.href for link in entry.links if link.rel == "related"]
            assert f"https://arxiv.org/abs/{paper.fields['eprint']}" in related
        assert entry.content[0].value  # the venue line


def test_every_page_points_to_the_feed_and_the_list_links_it(site: Build) -> None:
    for page in ("index.html", "research/optimization.html", "publications/index.html"):
        (link,) = site.soup(page).head.select('link[rel="alternate"][type="application/atom+xml"]')
        assert (site.outdir / Path(page).parent / link["href"]).resolve() == (
            site.outdir / FEED
        ).resolve()
    hrefs = [a["href"] for a in site.article("publications/index.html").select("p.pub-download a")]
    assert "feed.xml" in hrefs


def test_the_feed_is_reproducible_and_a_new_paper_comes_first(
    build_copy: Callable[..., Build], tmp_path: Path
) -> None:
    one, two = build_copy(), build_copy()
    assert (one.outdir / FEED).read_bytes() == (two.outdir / FEED).read_bytes()
    epub = build_copy(builder="epub")
    assert not list(epub.outdir.rglob("feed.xml"))

    def append(src: Path) -> None:
        with (src / "refs.bib").open("a", encoding="utf-8") as bib:
            bib.write(
                "\n@misc{wang2026appended, author = {Mingze Wang and Ada Lovelace},"
                " title = {An Appended Paper}, year = {2026}, month = mar}\n"
            )

    appended = build_copy(append)
    feed = feedparser.parse((appended.outdir / FEED).read_bytes())
    assert feed.entries[0].title == "An Appended Paper"
    assert feed.entries[0].updated.startswith("2026-03")
