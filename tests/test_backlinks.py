""" "Discussed in": each paper's page links back to the sections citing it (test-backlinks);
the list's entries stay short and leave it to the page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp


def discussed(app: SphinxTestApp, key: str) -> tuple[str, list[str]]:
    """The "Discussed in" line of the paper's page as text, and where its links go."""
    page = app.outdir / "publications" / f"{key}.html"
    line = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "p.pub-discussed"
    )
    if line is None:
        return "", []
    links = [a["href"].removeprefix("../") for a in line("a")]
    return " ".join(line.get_text(" ", strip=True).split()), links


@pytest.mark.sphinx("html", testroot="backlinks")
def test_each_entry_lists_its_citing_sections_in_toctree_order(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    # cited in a page's own section: the page's title is the link
    assert discussed(app, "first") == ("Discussed in: Theory", ["theory.html#theory"])
    # cited in the page's own section and in subsections, on two pages
    text, links = discussed(app, "second")
    assert text == "Discussed in: Theory ( Proofs ); Practice ( Experiments )"
    assert links == ["theory.html#theory", "theory.html#proofs", "practice.html#experiments"]
    # cited only in subsections: the page's title is plain text
    text, links = discussed(app, "third")
    assert text == "Discussed in: Theory ( Proofs , Limits )"
    assert links == ["theory.html#proofs", "theory.html#limits"]
    # the list's entries do not repeat it
    listing = BeautifulSoup((app.outdir / "list.html").read_text(encoding="utf-8"), "html.parser")
    assert listing.select("li.pub-entry p.pub-discussed") == []
    paper = BeautifulSoup(
        (app.outdir / "publications" / "second.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert paper.select_one("p.pub-back a")["href"] == "../list.html#second"
