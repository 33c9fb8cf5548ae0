""" "Discussed in": each entry links back to the sections citing it (test-backlinks)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp


def discussed(app: SphinxTestApp, key: str) -> tuple[str, list[str]]:
    """The entry's "Discussed in" line as text, and where its links go."""
    page = BeautifulSoup((app.outdir / "list.html").read_text(encoding="utf-8"), "html.parser")
    line = page.find(id=key).select_one("p.pub-discussed")
    if line is None:
        return "", []
    return " ".join(line.get_text(" ", strip=True).split()), [a["href"] for a in line("a")]


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


@pytest.mark.sphinx("html", testroot="backlinks")
def test_paper_pages_link_back_to_the_same_sections(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup(
        (app.outdir / "publications" / "second.html").read_text(encoding="utf-8"), "html.parser"
    )
    links = [a["href"] for a in page.select("p.pub-discussed a")]
    assert links == [
        "../theory.html#theory",
        "../theory.html#proofs",
        "../practice.html#experiments",
    ]
    assert page.select_one("p.pub-back a")["href"] == "../list.html#second"
