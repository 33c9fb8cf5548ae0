"""Citations in ascending order, and the co-author index (test-citation-order)."""

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
    # keys written third, first, second: ascending, and three in a row as a range
    assert [span.get_text() for span in spans] == ["[1\u20133]", "[2]"]
    assert [a["href"] for a in spans[0]("a")] == ["#first", "#third"]
    previews = soup(app).select_one("#cited span.pub-cite")["data-previews"].split()
    assert previews == ["preview-first", "preview-second", "preview-third"]


@pytest.mark.sphinx("html", testroot="citation-order")
def test_coauthor_index_counts(app: SphinxTestApp) -> None:
    app.build()
    items = soup(app).select("ul.coauthor-index li")
    assert [" ".join(li.get_text().split()) for li in items] == ["Ada Lovelace — 2 papers [2, 3]"]
    assert items[0].a["href"] == "https://example.org/ada"
