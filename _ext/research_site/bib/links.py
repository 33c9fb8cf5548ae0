"""The identifiers (arXiv, DOI) and links of an entry, wherever the export tool put them;
links labelled by what they point at, one per target.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import urlsplit

#: Hosts and the label a link to them shows (``www.`` aside); others show their host.
HOST_LABELS = {
    "openreview.net": "OpenReview",
    "proceedings.mlr.press": "PMLR",
    "neurips.cc": "NeurIPS",
    "nips.cc": "NeurIPS",
    "papers.nips.cc": "NeurIPS",
    "proceedings.neurips.cc": "NeurIPS",
    "aclanthology.org": "ACL Anthology",
    "dl.acm.org": "ACM DL",
    "ieeexplore.ieee.org": "IEEE Xplore",
    "link.springer.com": "Springer",
    "jmlr.org": "JMLR",
    "github.com": "Code",
    "gitlab.com": "Code",
}

#: A new-style (``2508.04321``) or old-style (``math/0211159``) arXiv identifier.
ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
ARXIV_IN_TEXT = re.compile(rf"arXiv:\s*{ARXIV_ID}", re.I)
ARXIV_URL = re.compile(rf"arxiv\.org/(?:abs|pdf)/{ARXIV_ID}", re.I)
ARXIV_DOI = re.compile(rf"10\.48550/arxiv\.{ARXIV_ID}", re.I)
DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)", re.I)


#: The site's fields for what a researcher attaches to a paper, and their labels: each a
#: URL, or a file of the repository (a path from conf.py's folder) that the site copies.
ATTACHMENTS = {
    "code": "Code",
    "slides": "Slides",
    "poster": "Poster",
    "video": "Video",
    "talk": "Talk",
    "blog": "Blog",
    "website": "Project page",
    "data": "Data",
}


class Link(NamedTuple):
    """One link of an entry: what it shows, where it goes; ``field`` for an attachment
    (``local``: a file of the repository, *url* its path)."""

    text: str
    url: str
    field: str = ""
    local: bool = False


def arxiv_url(identifier: str, kind: str = "abs") -> str:
    """The arXiv page (``abs``) or PDF (``pdf``) of *identifier*."""
    return f"https://arxiv.org/{kind}/{identifier}"


def doi_url(found_doi: str) -> str:
    return f"https://doi.org/{found_doi}"


def arxiv_id(fields: Mapping[str, str]) -> str | None:
    """The arXiv identifier of an entry's *fields*, if it has one (without its version)."""
    prefix = fields.get("archiveprefix", fields.get("eprinttype", "arXiv")).strip().lower()
    for name in ("eprint", "arxiv") if prefix == "arxiv" else ("arxiv",):
        match = re.fullmatch(ARXIV_ID, fields.get(name, "").strip().removeprefix("arXiv:"))
        if match:
            return match[1]
    volume = fields.get("volume", "").strip()
    if fields.get("journal", "").strip().lower() == "corr" and volume.startswith("abs/"):
        return volume.removeprefix("abs/")
    for name in ("journal", "howpublished", "note", "url", "doi"):
        value = fields.get(name, "")
        match = ARXIV_IN_TEXT.search(value) or ARXIV_URL.search(value) or ARXIV_DOI.search(value)
        if match:
            return match[1]
    return None


def doi(fields: Mapping[str, str]) -> str | None:
    """The DOI of an entry (``10.xxxx/...``), from ``doi`` or a doi.org ``url``."""
    match = DOI.fullmatch(fields.get("doi", "").strip())
    if match:
        return match[1]
    url = fields.get("url", "").strip()
    match = DOI.match(url)
    return match[1] if match and "doi.org/" in url else None


def link_text(url: str) -> str:
    """``OpenReview``, ``PMLR``, ``PDF``, ... for what *url* points at; else its host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if parts.path.lower().endswith(".pdf"):
        return "PDF"
    return HOST_LABELS.get(host, host or url)


def printed_links(
    links: tuple[Link, ...], identifier: str | None, found_doi: str | None
) -> tuple[Link, ...]:
    """Links whose text is where they go, for print: ``arXiv:2206.03299``, ``doi:10.1145/...``;
    without either, the first link's address; then the attachments, by their labels."""
    printed = [Link(f"arXiv:{identifier}", arxiv_url(identifier))] if identifier else []
    if found_doi and not ARXIV_DOI.fullmatch(found_doi):
        printed.append(Link(f"doi:{found_doi}", doi_url(found_doi)))
    if not printed and links and not links[0].field:
        printed.append(
            Link(links[0].url.removeprefix("https://").removeprefix("http://"), links[0].url)
        )
    return (*printed, *(link for link in links if link.field))


def target(url: str) -> str:
    """What two URLs share when they point at the same thing: an arXiv page (of any
    version, or its DOI), a DOI, or host and path (scheme, ``www.``, a final ``/`` aside)."""
    arxiv = ARXIV_URL.search(url) or ARXIV_DOI.search(url)
    if arxiv:
        return f"arxiv:{arxiv[1]}:{'pdf' if '/pdf/' in url else 'abs'}"
    found = doi({"url": url})
    if found:
        return f"doi:{found.lower()}"
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}".lower()


def entry_links(fields: Mapping[str, str]) -> tuple[Link, ...]:
    """arXiv abstract and PDF, the DOI, ``url`` and ``pdf``, then the attachments: one link
    per target."""
    links: list[Link] = []
    identifier, found_doi = arxiv_id(fields), doi(fields)
    if identifier:
        links += [Link("arXiv", arxiv_url(identifier)), Link("PDF", arxiv_url(identifier, "pdf"))]
    if found_doi:
        links.append(Link("DOI", doi_url(found_doi)))
    for name in ("url", "pdf"):
        url = fields.get(name, "").strip()
        if url.startswith(("https://", "http://")):
            text = "PDF" if name == "pdf" else link_text(url)
            links.append(Link("Venue PDF" if text == "PDF" and identifier else text, url))
    for name, label in ATTACHMENTS.items():
        value = fields.get(name, "").strip()
        if value:
            links.append(Link(label, value, name, not value.startswith(("https://", "http://"))))
    unique: dict[str, Link] = {}
    for link in links:
        unique.setdefault(target(link.url), link)
    return tuple(unique.values())
