"""Links of an entry: arXiv abstract and PDF, the venue's page, and its page on this site."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from pybtex.database import Entry

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Builders that write a page per paper (the EPUB and PDF have the list only).
PAGE_BUILDERS = frozenset({"html"})


def paper_pagename(app: Sphinx, key: str) -> str:
    """``publications/<key>``: the page of the entry *key* on this site."""
    return posixpath.join(app.config.research_site_paper_dir, key)


def has_paper_pages(app: Sphinx) -> bool:
    return app.builder.name in PAGE_BUILDERS


#: Venue hosts and the name a link to them shows.
VENUE_HOSTS = {
    "openreview.net": "OpenReview",
    "proceedings.mlr.press": "PMLR",
    "neurips.cc": "NeurIPS",
    "nips.cc": "NeurIPS",
    "papers.nips.cc": "NeurIPS",
    "proceedings.neurips.cc": "NeurIPS",
    "aclanthology.org": "ACL Anthology",
}


#: The class of an entry's links line, and what stands between two links.
LINKS_CLASS, LINK_SEPARATOR = "pub-links", " \u00b7\u00a0"


class Link(NamedTuple):
    """One link of an entry."""

    text: str
    url: str


def arxiv_id(entry: Entry) -> str | None:
    """The arXiv identifier of *entry*, if it has one."""
    eprint = entry.fields.get("eprint", "").strip()
    prefix = entry.fields.get("archiveprefix", entry.fields.get("eprinttype", "arXiv"))
    return eprint if eprint and prefix.lower() == "arxiv" else None


def venue_name(url: str) -> str:
    """``OpenReview``, ``PMLR``, ... for a known venue host, else ``Venue``."""
    host = urlsplit(url).hostname or ""
    return VENUE_HOSTS.get(host.removeprefix("www."), "Venue")


def entry_links(entry: Entry) -> list[Link]:
    """arXiv abstract and PDF (from ``eprint``), then the venue page (``url``)."""
    links = []
    identifier = arxiv_id(entry)
    if identifier:
        links.append(Link("arXiv", f"https://arxiv.org/abs/{identifier}"))
        links.append(Link("PDF", f"https://arxiv.org/pdf/{identifier}"))
    url = entry.fields.get("url", "").strip()
    if url:
        links.append(Link(venue_name(url), url))
    return links
