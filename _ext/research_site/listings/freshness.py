"""Incremental builds equal clean builds.

Citation labels and tooltips, entries and "Discussed in" lines are resolved
when pages are written, from data of the whole site. Sphinx rewrites only the
pages it re-read, so an edit of refs.bib would leave the research pages with
old labels, and an edited research page the list with old backlinks. On
``env-updated`` this compares what the site is made of with the last build and
names the pages to write again:

- refs.bib changed (its content, not its time stamp), or the environment is
  new: every page that cites or lists papers;
- the citations' places changed (a section citing a paper was added, moved,
  renamed or removed): every page that lists papers;
- the navigation changed (a page's title, or the toctree): every page, since
  the theme's navigation on each page shows them (Sphinx rewrites only the
  pages whose toctree holds the page).

What changed is kept for the rest of the build (:func:`changed`): the ``.bib``
download is written when refs.bib changed, the sitemap when the set of pages did.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sphinxcontrib.bibtex.domain import get_docnames

from ..config import paper_pagename
from .domain import cite_domain, research_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The environment's record of what the site was made of, and of what changed.
DIGESTS, CHANGED = "research_site_digests", "research_site_changed"


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def site_digests(app: Sphinx, env: BuildEnvironment) -> dict[str, str]:
    """Digests of refs.bib's content, of the citations' places, and of the set of pages."""
    bib = hashlib.sha256()
    for path in cite_domain(env).bibdata.bibfiles:
        bib.update(str(path).encode() + (Path(path).read_bytes() if Path(path).is_file() else b""))
    domain = research_domain(env)
    order = [docname for docname in get_docnames(env) if docname in domain.places]
    titles = [env.titles[docname].astext() for docname in order if docname in env.titles]
    papers = [paper_pagename(app.config, domain.library.slug(key)) for key in domain.library.papers]
    navigation = sorted((name, node.astext()) for name, node in env.titles.items())
    toctree = sorted((name, list(children)) for name, children in env.toctree_includes.items())
    return {
        "bib": bib.hexdigest(),
        "places": digest(order, [domain.places[docname] for docname in order], titles),
        "pages": digest(sorted(env.found_docs), papers),
        "navigation": digest(navigation, toctree),
    }


def changed(env: BuildEnvironment, what: str) -> bool:
    """Whether *what* (a key of :func:`site_digests`) changed in this build (True in a new one)."""
    return what in getattr(env, CHANGED, {what})


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Note what changed; the pages whose output depends on refs.bib or other pages' citations."""
    current, previous = site_digests(app, env), getattr(env, DIGESTS, {})
    setattr(env, DIGESTS, current)
    setattr(env, CHANGED, {what for what in current if current[what] != previous.get(what)})
    domain = cite_domain(env)
    listing = {key.docname for key in domain.bibliographies}
    if changed(env, "navigation"):
        return sorted(env.found_docs)
    if changed(env, "bib"):
        citing = {ref.docname for ref in domain.citation_refs} | set(research_domain(env).places)
        return sorted((citing | listing) & env.found_docs)
    if changed(env, "places"):
        return sorted(listing & env.found_docs)
    return []
