"""``sitemap.xml`` with every page of the site, the paper pages included.

Written at the end of each HTML build from the list of all pages, so an
incremental build gives the same sitemap as a clean one. (sphinx-sitemap lists
only the pages written by the current run, so after an incremental build its
sitemap misses every page that did not change.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast
from xml.sax.saxutils import escape

from .links import has_paper_pages, paper_pagename
from .paperpages import absolute_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: Pages that are not content (search engines should not list them).
NOT_CONTENT = frozenset({"search", "genindex"})


def sitemap_urls(app: Sphinx) -> list[str]:
    """Absolute URLs of every content page, sources first, then papers."""
    pages = sorted(app.env.found_docs - NOT_CONTENT)
    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    pages += [paper_pagename(app, key) for key in domain.bibdata.data.entries.keys()]
    return [absolute_url(app, page) for page in pages]


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Write ``sitemap.xml`` into the HTML output (needs ``html_baseurl``)."""
    if exception is not None or not has_paper_pages(app) or not app.config.html_baseurl:
        return
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in sitemap_urls(app)]
    lines.append("</urlset>")
    Path(app.outdir, "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Connect the writer."""
    app.connect("build-finished", write_sitemap)
