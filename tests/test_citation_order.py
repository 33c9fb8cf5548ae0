"""A small site (tests/roots/test-citation-order): order, labels, years, co-authors."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp


def soup(app: SphinxTestApp) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="citation-order")
def test_several_keys_read_in_ascending_order(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    spans = soup(app).select("#cited span.bibtex-citation")
    assert [span.get_text() for span in spans] == ["[1, 2, 3]", "[2]"]


@pytest.mark.sphinx("html", testroot="citation-order")
def test_years_hold_their_entries_newest_first(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app)
    years = {
        section["id"]: [c["id"] for c in section.select("div.citation")]
        for section in page.select("section#list > section")
    }
    assert years == {"2021": ["third", "second"], "2020": ["first"]}
    assert page.select_one("#third").find(class_="pub-discussed").get_text(" ", strip=True) == (
        "Discussed in: Test ( Cited )"
    )


@pytest.mark.sphinx("html", testroot="citation-order")
def test_coauthor_index_counts(app: SphinxTestApp) -> None:
    app.build()
    items = soup(app).select("ul.coauthor-index li")
    assert [" ".join(li.get_text().split()) for li in items] == ["Ada Lovelace — 2 papers [2, 3]"]
    assert items[0].a["href"] == "https://example.org/ada"


@pytest.mark.sphinx("html", testroot="citation-order")
def test_extension_declares_version_and_parallel_safety(app: SphinxTestApp) -> None:
    extension = app.extensions["research_site"]
    assert extension.version
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True
