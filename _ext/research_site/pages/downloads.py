"""Files for reference managers: the clean BibTeX of every paper, next to the publication
list, and each paper's own ``.bib`` and ``.ris`` next to its page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..bib.cleanbib import bibtex_file
from ..bib.ris import ris_record
from ..config import PAPER_PAGE_BUILDERS
from ..listings.domain import research_domain
from ..listings.freshness import changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: HTML builders whose output has the download (the EPUB has no use for it).
DOWNLOAD_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def write(path: Path, text: str, newline: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline=newline) as handle:
        handle.write(text)


def write_bibtex_download(app: Sphinx, exception: Exception | None) -> None:
    """Write the downloads, when refs.bib changed (or they are missing)."""
    if exception is not None or app.builder.name not in DOWNLOAD_BUILDERS:
        return
    library = research_domain(app.env).library
    target = Path(app.outdir, app.config.research_site_bibtex_download)
    if not target.is_file() or changed(app.env, "bib"):
        write(target, bibtex_file(library.entry(key) for key in library.papers))
    if app.builder.name not in PAPER_PAGE_BUILDERS:
        return
    folder = Path(app.outdir, app.config.research_site_paper_dir)
    for key in library.papers:
        stem = folder / library.slug(key)
        if stem.with_suffix(".ris").is_file() and not changed(app.env, "bib"):
            continue
        write(stem.with_suffix(".bib"), bibtex_file([library.entry(key)]))
        write(stem.with_suffix(".ris"), ris_record(library.facts(key)), newline="")
