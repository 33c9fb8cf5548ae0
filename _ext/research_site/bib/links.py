"""The links of an entry: its arXiv abstract and PDF, and its venue's page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import urlsplit

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
    """One link of an entry: what it shows, where it goes."""

    text: str
    url: str


def arxiv_id(fields: Mapping[str, str]) -> str | None:
    """The arXiv identifier of an entry's *fields*, if it has one."""
    eprint = fields.get("eprint", "").strip()
    prefix = fields.get("archiveprefix", fields.get("eprinttype", "arXiv"))
    return eprint if eprint and prefix.strip().lower() == "arxiv" else None


def venue_link_text(url: str) -> str:
    """``OpenReview``, ``PMLR``, ... for a known venue host, else ``Venue``."""
    host = urlsplit(url).hostname or ""
    return VENUE_HOSTS.get(host.removeprefix("www."), "Venue")


def entry_links(fields: Mapping[str, str]) -> tuple[Link, ...]:
    """arXiv abstract and PDF (from ``eprint``), then the venue page (``url``)."""
    links = []
    identifier = arxiv_id(fields)
    if identifier:
        links.append(Link("arXiv", f"https://arxiv.org/abs/{identifier}"))
        links.append(Link("PDF", f"https://arxiv.org/pdf/{identifier}"))
    url = fields.get("url", "").strip()
    if url:
        links.append(Link(venue_link_text(url), url))
    return tuple(links)
