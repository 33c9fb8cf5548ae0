"""The clean BibTeX of every paper, written next to the publication list as a download."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..bib.cleanbib import bibtex_file
from ..listings.domain import research_domain
from ..listings.freshness import changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: HTML builders whose output has the download (the EPUB has no use for it).
DOWNLOAD_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def write_bibtex_download(app: Sphinx, exception: Exception | None) -> None:
    """Write every paper's clean record to the download file, when refs.bib changed."""
    if exception is not None or app.builder.name not in DOWNLOAD_BUILDERS:
        return
    target = Path(app.outdir, app.config.research_site_bibtex_download)
    if target.is_file() and not changed(app.env, "bib"):
        return
    library = research_domain(app.env).library
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bibtex_file(library.entry(key) for key in library.papers), encoding="utf-8")
