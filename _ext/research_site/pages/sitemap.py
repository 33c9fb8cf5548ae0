"""``sitemap.xml`` by sphinx-sitemap, whole after incremental builds and in a fixed order.

sphinx-sitemap (see :mod:`..adapter`) lists the pages it sees written by the
current run, in the order they are written: after an incremental build its
sitemap lacks every page that did not change, and under ``-j`` its order varies.
At the end of a build that wrote some pages, :func:`list_every_page` has it list
every page of the site, in the order of a serial clean build. A build that writes
no page, or does not change the set of pages, leaves the last sitemap, which
still lists every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..adapter import list_in_sitemap, sitemap_pages_written
from ..config import paper_pagename
from ..listings.domain import research_domain
from ..listings.freshness import changed
from ..outputs import PAPER_PAGES, gets

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def list_every_page(app: Sphinx, exception: Exception | None) -> None:
    """Before sphinx-sitemap writes (build-finished): every page, in a fixed order."""
    if exception is not None or not gets(app.builder, PAPER_PAGES):
        return
    if not sitemap_pages_written(app):
        return  # nothing written (or no sphinx-sitemap): the last sitemap lists every page
    library = research_domain(app.env).library
    papers = [paper_pagename(app.config, library.slug(key)) for key in library.newest_first()]
    sitemap = Path(app.outdir, getattr(app.config, "sitemap_filename", "sitemap.xml"))
    if sitemap.is_file() and not changed(app.env, "pages"):
        list_in_sitemap(app, [])  # nothing to write: the last sitemap lists every page
        return
    list_in_sitemap(app, sorted(app.env.found_docs) + papers)  # a serial clean build's order
