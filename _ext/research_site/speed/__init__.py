"""The optional speed layer: the same site, built faster when little changed.

The site's core never imports this package. Listed in ``extensions`` after
``research_site``, it attaches through public seams only, and only while
``research_site_speed`` is true (the default); with it false, the output is
byte for byte the same (a test builds the site both ways):

- :mod:`.formatcache`: each entry is formatted once and kept in the environment
  by its content, its label and the code of the style (the library's
  ``format_cache``, set on ``builder-inited``). sphinxcontrib-bibtex formats
  every entry of every bibliography on every build, twice with tooltips.
- :mod:`.sharedcontext`: the paper pages share what depends only on their folder
  (Sphinx renders the whole toctree, and each asset's checksum, for every page).
- :mod:`.pagerecord`: a paper page whose inputs did not change since the page
  was written is kept (the core's ``research-site-paper-pages`` event), unless
  the site around it changed; under ``-j`` the others are written in parallel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..pages.paper_pages import PAGES_EVENT
from . import formatcache, pagerecord, sharedcontext

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "2.0.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the switch and connect the pieces."""
    app.setup_extension("research_site")
    app.add_config_value(
        "research_site_speed", True, "", types=[bool], description="the optional speed layer"
    )
    entries = formatcache.EntryCache()
    # after sphinxcontrib-bibtex parsed refs.bib (500): the library of this build
    app.connect("builder-inited", entries.attach, priority=700)
    # after sphinxcontrib-bibtex formatted the bibliographies (500)
    app.connect("env-updated", entries.store, priority=900)
    shared = sharedcontext.SharedContext()
    app.connect("builder-inited", shared.forget)
    # before furo's handler (500), which renders the navigation
    app.connect("html-page-context", shared.share, priority=400)
    record = pagerecord.PaperPageRecord()
    app.connect("doctree-resolved", record.note_document)
    app.connect(PAGES_EVENT, record.take_care)
    app.connect("build-finished", record.save)
    return {
        "version": __version__,
        "env_version": 1,  # what it keeps in the environment: formatcache.FormattedEntries
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
