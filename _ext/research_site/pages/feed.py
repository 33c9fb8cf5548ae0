"""An Atom feed of the owner's papers, ``publications/feed.xml`` (made with feedgen): one
entry per paper, newest first, with its title, authors, venue, abstract, page, arXiv and
DOI links. Ids and dates come from the papers, so two builds of the same refs.bib write
the same file; it is written again when refs.bib changes, like the other downloads."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from ..adapter import with_link_relations
from ..bib.library import Library
from ..bib.links import arxiv_url, doi_url
from ..bib.texts import plain
from ..config import feed_path, paper_pagename
from ..listings.domain import research_domain
from ..listings.freshness import changed
from ..outputs import PAPER_PAGES, gets

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def stamp(year: int, month: int | None) -> str:
    """A paper's date as Atom's ``updated`` (its month's first day)."""
    return f"{year:04d}-{month or 1:02d}-01T00:00:00Z"


def feed_xml(library: Library, config: Config, base: str) -> bytes:
    """The feed of *library*'s papers; *base* is the site's address (``html_baseurl``)."""
    host = urlsplit(base).hostname or "localhost"
    papers = list(library.newest_first())
    dates = [library.facts(key).date for key in papers]
    feed = FeedGenerator()
    first = min((date.year for date in dates), default=2000)
    feed.id(f"tag:{host},{first}:{feed_path(config)}")
    feed.title(f"{config.research_site_owner}: publications")
    feed.author(name=config.research_site_owner)
    feed.link(href=f"{base}{feed_path(config)}", rel="self")
    feed.link(href=base, rel="alternate")
    feed.updated(max((stamp(d.year, d.month) for d in dates), default=stamp(first, 1)))
    relations: dict[str, tuple[str, str]] = {}
    for key in papers:
        facts, slug = library.facts(key), library.slug(key)
        entry = feed.add_entry(order="append")
        entry.id(f"tag:{host},{facts.date.year}:{paper_pagename(config, slug)}")
        entry.title(facts.title_plain)
        for author in facts.named_authors:
            entry.author(name=author.plain)
        entry.link(href=f"{base}{paper_pagename(config, slug)}.html", rel="alternate")
        related = [(arxiv_url(facts.arxiv_id), "arXiv")] if facts.arxiv_id else []
        related += [(doi_url(facts.doi), "DOI")] if facts.doi else []
        for href, title in related:
            entry.link(href=href, rel="related", title=title)
            relations[href] = ("related", title)
        entry.updated(stamp(facts.date.year, facts.date.month))
        entry.content(plain(facts.venue_line()), type="text")
        if facts.abstract:
            entry.summary(plain(facts.abstract))
    return with_link_relations(feed.atom_str(pretty=True), relations)


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the feed, when refs.bib changed or the file is missing."""
    if exception is not None or not gets(app.builder, PAPER_PAGES):
        return
    target = Path(app.outdir, feed_path(app.config))
    if target.is_file() and not changed(app.env, "bib"):
        return
    base = app.config.html_baseurl or ""
    base = f"{base.rstrip('/')}/" if base else ""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(feed_xml(research_domain(app.env).library, app.config, base))


def link_feed(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Point every page to the feed (``<link rel="alternate">``), where there is one."""
    if gets(app.builder, PAPER_PAGES):
        href = html.escape(context["pathto"](feed_path(app.config), resource=True))
        title = html.escape(f"{app.config.research_site_owner}: publications")
        tag = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />'
        context["metatags"] = context.get("metatags", "") + "\n    " + tag
