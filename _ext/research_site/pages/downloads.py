"""Files for reference managers: the clean BibTeX of every paper, next to the publication
list, and each paper's own ``.bib`` and ``.ris`` next to its page."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

from ..bib.cleanbib import bibtex_file
from ..bib.ris import ris_record
from ..config import attachment_path
from ..listings.domain import research_domain
from ..listings.freshness import changed
from ..outputs import DOWNLOADS, PAPER_PAGES, gets

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The environment's digests of each paper's files, and the papers whose files changed.
WRITTEN, STALE = "research_site_downloads", "research_site_stale_downloads"


def write(path: Path, text: str, newline: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline=newline) as handle:
        handle.write(text)


def write_bibtex_download(app: Sphinx, exception: Exception | None) -> None:
    """Write the downloads: the whole .bib when refs.bib changed, a paper's own files
    when their text changed (:func:`note_stale_files`), and any that are missing."""
    if exception is not None or not gets(app.builder, DOWNLOADS):
        return
    library = research_domain(app.env).library
    target = Path(app.outdir, app.config.research_site_bibtex_download)
    if not target.is_file() or changed(app.env, "bib"):
        write(target, bibtex_file(library.record(key) for key in library.papers))
    copy_attachments(app)
    if not gets(app.builder, PAPER_PAGES):
        return
    folder = Path(app.outdir, app.config.research_site_paper_dir)
    stale: set[str] = getattr(app.env, STALE, set())
    for key in library.papers:
        stem = folder / library.slug(key)
        if stem.name in stale or not stem.with_suffix(".ris").is_file():
            write(stem.with_suffix(".bib"), bibtex_file([library.record(key)]))
            write(stem.with_suffix(".ris"), ris_record(library.facts(key)), newline="")


def copy_attachments(app: Sphinx) -> None:
    """Copy the files of the repository that entries link (slides, posters...) into the site."""
    library = research_domain(app.env).library
    for key in library.data.entries:
        for link in library.facts(key).links:
            if link.local:
                target = Path(app.outdir, attachment_path(app.config, link.url))
                target.parent.mkdir(parents=True, exist_ok=True)
                copy_asset_file(Path(app.confdir, link.url), target, force=True)


def note_stale_files(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: which papers' files to write again (those whose text changed).

    Kept with the environment, which Sphinx saves after this event.
    """
    if not changed(env, "bib"):
        setattr(env, STALE, set())
        return
    library = research_domain(env).library
    previous: dict[str, str] = getattr(env, WRITTEN, {})  # slug -> digest of its files' texts
    current = {}
    for key in library.papers:
        text = f"{library.record(key)}\0{ris_record(library.facts(key))}"
        current[library.slug(key)] = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    setattr(env, WRITTEN, current)
    setattr(env, STALE, {slug for slug, digest in current.items() if previous.get(slug) != digest})
