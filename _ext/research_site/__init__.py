"""Sphinx extension of Mingze Wang's research site.

One module per concept: :mod:`.annotations` (author markers as data),
:mod:`.numbering` (paper numbers from refs.bib's order), :mod:`.style` (the
pybtex style), :mod:`.formatcache` (formatted entries kept between builds),
:mod:`.backend` and :mod:`.entries` (rendering entries with named parts),
:mod:`.entryhtml` (entries written straight to HTML for the HTML builder),
:mod:`.referencing` (ascending multi-citations), :mod:`.listingrefs` (listing labels
resolved in one pass),
:mod:`.publications` (the list by year and the selected papers),
:mod:`.coauthors` (the co-authors data file), :mod:`.links`,
:mod:`.cleanbib` and :mod:`.disclosure` (links and BibTeX of an entry),
:mod:`.backlinks` ("Discussed in"), :mod:`.latex` (bibliographies kept in
place in the PDF), :mod:`.bibcheck` and :mod:`.pagecheck` (clear errors), :mod:`.bibparse`
(refs.bib read in one pass),
:mod:`.freshness` (incremental builds equal clean ones), :mod:`.reproducible`
(byte-identical EPUBs), :mod:`.hardening` (strict CSP, accessible markup), :mod:`.pagemeta`
(page descriptions), :mod:`.paperpages` and :mod:`.paperbody` (a page per paper with its
metadata), :mod:`.sitemap`,
:mod:`.pageshell` (generated pages from one render, written when changed),
:mod:`.speedups` (look-ups, formatters, templates and citing pages done once),
:mod:`.recordhighlight` (BibTeX records highlighted without Pygments' state machine),
:mod:`.gctuning` (garbage collection for big builds), :mod:`.forks`
(what forked readers send back),
:mod:`.assets` (CSS, scripts and template overrides).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pybtex.plugin
import sphinxcontrib.bibtex.plugin

from . import (
    assets,
    backend,
    backlinks,
    bibcheck,
    coauthors,
    disclosure,
    entries,
    entryhtml,
    formatcache,
    freshness,
    gctuning,
    hardening,
    latex,
    listingrefs,
    pagecheck,
    pagemeta,
    paperpages,
    publications,
    recordhighlight,
    reproducible,
    sitemap,
    speedups,
)
from .numbering import Numbering
from .referencing import REFERENCE_STYLE_NAME, AscendingLabelReferenceStyle
from .style import STYLE_NAME, ResearchStyle

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata
    from sphinxcontrib.bibtex.domain import BibtexDomain

__version__ = "1.0.0"


def configure_style(app: Sphinx) -> None:
    """Bind the pybtex style to this site's owner and refs.bib numbering.

    Runs after sphinxcontrib-bibtex has parsed the bib files on builder-inited.
    """
    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    numbering = Numbering.from_bibdata(domain.bibdata.data)
    owner = app.config.research_site_owner
    cache = (
        formatcache.formatted_entries(app.env, owner) if app.config.research_site_caches else None
    )
    style = ResearchStyle.configured(owner, numbering, cache)
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, style, force=True)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the style, the directives and the transforms."""
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("research_site_owner", "", "env", types=[str])
    # False: the reference path: no formatted-entry cache, no page shell, no page record,
    # listing labels resolved by sphinxcontrib-bibtex, entries translated from docutils
    # nodes (the output is the same; the tests compare the two)
    app.add_config_value("research_site_caches", True, "env", types=[bool])
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, ResearchStyle, force=True)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing",
        REFERENCE_STYLE_NAME,
        AscendingLabelReferenceStyle,
        force=True,
    )
    # after sphinxcontrib-bibtex's own builder-inited handler (priority 500)
    app.connect("builder-inited", configure_style, priority=600)
    assets.setup(app)
    bibcheck.setup(app)
    pagecheck.setup(app)
    freshness.setup(app)
    formatcache.setup(app)
    speedups.setup(app)
    recordhighlight.setup(app)
    gctuning.setup(app)
    hardening.setup(app)
    pagemeta.setup(app)
    paperpages.setup(app)
    sitemap.setup(app)
    backlinks.setup(app)
    disclosure.setup(app)
    entryhtml.setup(app)
    coauthors.setup(app)
    publications.setup(app)
    backend.setup(app)
    entries.setup(app)
    listingrefs.setup(app)
    latex.setup(app)
    reproducible.setup(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
