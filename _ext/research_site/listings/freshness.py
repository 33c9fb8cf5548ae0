"""Incremental builds equal clean builds: on ``env-updated``, what the site is made of
(refs.bib's content, the citations' places, the pages, the navigation) is compared with the
last build, and the pages that depend on what changed are written again.
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
