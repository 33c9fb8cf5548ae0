"""``sitemap.xml`` by sphinx-sitemap, whole after incremental builds and in a fixed order.

sphinx-sitemap (checked with 2.9.0) lists the pages it sees written by the
current run, in the order they are written (jdillard/sphinx-sitemap#13, open):
after an incremental build its sitemap lacks every page that did not change,
and under ``-j`` its order varies. :func:`list_every_page` is the workaround:
at the end of a build that wrote some pages, it gives sphinx-sitemap every
page of the site, in the order of a serial clean build. A build that writes no
page, or does not change the set of pages, leaves the last sitemap, which still
lists every page. (Upstream, sphinx-sitemap would
need to list ``env.found_docs`` and the pages of ``html-collect-pages``.)
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx_sitemap

from ..config import paper_pagename, writes_paper_pages
from ..listings.domain import research_domain
from ..listings.freshness import changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def list_every_page(app: Sphinx, exception: Exception | None) -> None:
    """Before sphinx-sitemap writes (build-finished): every page, in a fixed order."""
    links = getattr(app, "sitemap_links", None)  # sphinx-sitemap's queue of written pages
    if exception is not None or links is None or not writes_paper_pages(app):
        return
    library = research_domain(app.env).library
    papers = [paper_pagename(app.config, library.slug(key)) for key in library.newest_first()]
    pages = sorted(app.env.found_docs) + papers  # the order of a serial clean build
    if links.empty():
        return  # nothing written: the last sitemap lists every page
    while True:
        try:
            links.get_nowait()
        except queue.Empty:
            break
    sitemap = Path(app.outdir, app.config.sitemap_filename)
    if sitemap.is_file() and not changed(app.env, "pages"):
        return  # nothing to write: the last sitemap lists every page
    for pagename in pages:
        sphinx_sitemap.add_html_link(app, pagename, "page.html", {}, None)
