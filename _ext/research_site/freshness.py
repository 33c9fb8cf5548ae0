"""Incremental builds equal clean builds.

Citation labels, tooltips and "Discussed in" lines are resolved when pages are
written, from data of the whole site. Sphinx rewrites only the pages it re-read,
so by default an edit of refs.bib leaves the research pages with old labels, and
an edited research page leaves the list with old backlinks. On ``env-updated``
this module names the pages to write again:

- refs.bib changed (its content, not its time stamp): every page that cites or
  lists papers;
- any page was re-read: every page that holds a bibliography (its backlinks may
  have changed).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .backlinks import places

if TYPE_CHECKING:
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


def note_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember whether this build re-reads anything."""
    env.research_site_reread = bool(docnames)  # type: ignore[attr-defined]


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose output depends on refs.bib or on other pages' citations."""
    domain = cast("BibtexDomain", env.get_domain("cite"))
    digest = bib_digest(env)
    bib_changed = getattr(env, "research_site_bib_digest", digest) != digest
    env.research_site_bib_digest = digest  # type: ignore[attr-defined]
    listing = {key.docname for key in domain.bibliographies}
    if bib_changed:
        citing = {ref.docname for ref in domain.citation_refs} | set(places(env))
        return sorted((citing | listing) & env.found_docs)
    if getattr(env, "research_site_reread", False):
        return sorted(listing & env.found_docs)
    return []


def setup(app: Sphinx) -> None:
    """Connect the handlers."""
    app.connect("env-before-read-docs", note_read_docs)
    app.connect("env-updated", pages_to_rewrite)
