"""A paper with 70 authors, the owner 36th (test-long-author-list): the list shows the
first names, the owner and "+N more"; the paper page, its metadata, RIS and BibTeX keep
every author. (Expanding the list in a browser: test_browser.)"""

from __future__ import annotations

import re

import pytest
import rispy
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

#: The root's refs.bib: 70 authors, the owner the 36th; the default limit, 10.
AUTHORS, OWNER_POSITION, LIMIT = 70, 36, 10


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def names_shown(authors: BeautifulSoup) -> list[str]:
    """The names a shortened list shows: all but those in ``.pub-more`` (and the count)."""
    for hidden in authors.select(".pub-more, .pub-more-count, .pub-elided"):
        hidden.extract()
    return [n.strip() for n in authors.get_text().rstrip(".").split(",") if n.strip()]


@pytest.mark.sphinx("html", testroot="long-author-list", freshenv=True)
def test_a_list_shows_the_first_names_the_owner_and_how_many_more(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    for page, selector in (("list.html", "li.pub-entry"), ("index.html", "ul.pub-selected li")):
        entry = next(e for e in soup(app, page).select(selector) if "Seventy" in e.get_text())
        authors = entry.select_one(".pub-authors")
        count = authors.select_one(".pub-more-count").get_text()
        shown = names_shown(authors)
        assert len(shown) <= LIMIT and "Ada Lovelace" in shown, page
        assert shown[: LIMIT - 2] == [f"Given{n:02d} Family{n:02d}" for n in range(1, LIMIT - 1)]
        assert count == f"+{AUTHORS - len(shown)} more", page
    short = soup(app, "list.html").find(id="lovelace2024short").select_one(".pub-authors")
    assert short.select(".pub-more, .pub-more-count") == []


@pytest.mark.sphinx("html", testroot="long-author-list", freshenv=True)
def test_the_paper_page_metadata_ris_and_bibtex_keep_every_author(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "publications/big2025report.html")
    metadata = [m["content"] for m in page.head.find_all("meta", attrs={"name": "citation_author"})]
    assert len(metadata) == AUTHORS and metadata[OWNER_POSITION - 1] == "Ada Lovelace"
    (record,) = rispy.load(app.outdir / "publications" / "big2025report.ris", encoding="utf-8")
    assert len(record["authors"]) == AUTHORS
    bibtex = (app.outdir / "publications" / "big2025report.bib").read_text(encoding="utf-8")
    assert len(re.search(r"author = \{(.*)\}", bibtex)[1].split(" and ")) == AUTHORS
    citation = page.select_one("p.pub-citation").get_text()
    assert all(f"Given{n:02d} Family{n:02d}" in citation for n in (1, 35, 37, 70))
