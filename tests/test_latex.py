"""LaTeX: each year's papers in place under its heading, cited by live links (test-latex)."""

from __future__ import annotations

import re

import pytest
from sphinx.testing.util import SphinxTestApp

BIBITEM = re.compile(r"\\bibitem\[(\d+)\]\{list:(\w+)\}")


@pytest.mark.sphinx("latex", testroot="latex")
def test_years_keep_their_papers_and_citations_link_to_them(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "site.tex").read_text(encoding="utf-8")
    parts = re.split(r"\\section\{(20\d\d)\}", tex)
    years = {
        parts[i]: BIBITEM.findall(parts[i + 1].split("\\section")[0])
        for i in range(1, len(parts) - 1, 2)
    }
    assert years == {
        "2025": [("3", "lovelace2025poetry")],
        "2024": [("4", "lovelace2024looms"), ("2", "lovelace2024bernoulli")],
        "2023": [("1", "lovelace2023engine")],
    }
    # hyperref anchors each \bibitem as "cite.<key>": the research chapter's citation links there
    for key in ("lovelace2023engine", "lovelace2024bernoulli"):
        assert rf"\hyperlink{{cite.list:{key}}}" in tex
    assert "\\sphinxAtStartPar\n\\DUrole{pub-title}{Notes on the Analytical Engine.}" in tex
    assert r"\sphinxstylestrong{\DUrole{pub-owner}{Ada Lovelace}}" in tex
    assert "BibTeX" not in tex  # the record shown on demand is for the web
