"""Incremental builds equal clean builds.

Citation labels, tooltips and "Discussed in" lines are resolved when pages are
written, from data of the whole site. Sphinx rewrites only the pages it re-read,
so by default an edit of refs.bib leaves the research pages with old labels, and
an edited research page leaves the list with old backlinks. On ``env-updated``
this module names the pages to write again:

- refs.bib changed (its content, not its time stamp), or the environment is
  new: every page that cites or lists papers;
- the citations' places changed (a section citing a paper was added, moved,
  renamed or removed): every page that holds a bibliography (its "Discussed in"
  lines). Re-reading a page whose citations stayed where they were rewrites
  nothing else.

It also tells the rest of the extension whether refs.bib changed
(:func:`bib_changed`) and whether a build writes any document: when Sphinx
writes none, it found its output current (sources, refs.bib, templates,
settings), and so is what the extension generates from the same inputs
(:func:`wrote_documents`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sphinxcontrib.bibtex.domain import get_docnames

from .backlinks import places

if TYPE_CHECKING:
    import docutils.nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain


def bib_digest(env: BuildEnvironment) -> str:
    """A digest of the bib files' content."""
    domain = cast("BibtexDomain", env.get_domain("cite"))
    digest = hashlib.sha256()
    for path in domain.bibdata.bibfiles:
        digest.update(str(path).encode())
        digest.update(Path(path).read_bytes() if Path(path).is_file() else b"")
    return digest.hexdigest()


def places_digest(env: BuildEnvironment) -> str:
    """A digest of what "Discussed in" lines show: places, their pages' titles and order."""
    collected = places(env)
    order = [docname for docname in get_docnames(env) if docname in collected]
    titles = {docname: env.titles[docname].astext() for docname in order if docname in env.titles}
    content = repr((order, [collected[docname] for docname in order], titles))
    return hashlib.blake2b(content.encode(), digest_size=16).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose output depends on refs.bib or on other pages' citations."""
    domain = cast("BibtexDomain", env.get_domain("cite"))
    digest = bib_digest(env)
    bib_changed = getattr(env, "research_site_bib_digest", None) != digest  # or a fresh env
    env.research_site_bib_digest = digest  # type: ignore[attr-defined]
    setattr(app.builder, BIB_CHANGED, bib_changed)
    digest = places_digest(env)
    places_changed = getattr(env, "research_site_places_digest", None) != digest
    env.research_site_places_digest = digest  # type: ignore[attr-defined]
    listing = {key.docname for key in domain.bibliographies}
    if bib_changed:
        citing = {ref.docname for ref in domain.citation_refs} | set(places(env))
        return sorted((citing | listing) & env.found_docs)
    if places_changed:
        return sorted(listing & env.found_docs)
    return []


#: Set on the builder when Sphinx resolves a document to write.
WROTE_DOCUMENTS = "research_site_wrote_documents"

#: Set on the builder on ``env-updated``: whether refs.bib's content changed.
BIB_CHANGED = "research_site_bib_changed"


def note_document_written(app: Sphinx, doctree: docutils.nodes.document, docname: str) -> None:
    setattr(app.builder, WROTE_DOCUMENTS, True)


def wrote_documents(app: Sphinx) -> bool:
    """Whether this build writes (or wrote) any of Sphinx's own pages."""
    return getattr(app.builder, WROTE_DOCUMENTS, False)


def bib_changed(app: Sphinx) -> bool:
    """Whether refs.bib's content changed since the last build (True for a new environment)."""
    return getattr(app.builder, BIB_CHANGED, True)


def setup(app: Sphinx) -> None:
    """Connect the handlers."""
    app.connect("env-updated", pages_to_rewrite)
    app.connect("doctree-resolved", note_document_written, priority=100)
