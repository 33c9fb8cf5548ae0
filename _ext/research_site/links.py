"""Links of an entry: arXiv abstract and PDF, and the venue's page."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from pybtex.database import Entry

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
