"""Sphinx extension of a researcher's site: pages of prose citing papers of one refs.bib.

refs.bib -> pybtex (parsed once, by sphinxcontrib-bibtex) -> each entry's facts (:mod:`.bib`)
-> the site's styles (:mod:`.styles`) -> docutils nodes (:mod:`.listings`, :mod:`.pages`,
:mod:`.latex`) -> Sphinx's writers; :mod:`.checks` reports bad input. CONTRIBUTING.md
describes each module; :mod:`.speed` is optional and never imported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pybtex.plugin
import sphinxcontrib.bibtex.plugin

from . import config, pages
from .checks import bibcheck, pagecheck
from .latex import inplace, titleblock
from .listings import (
    cited_works,
    coauthors,
    entries,
    freshness,
    nodes,
    owner,
    previews,
    publications,
)
from .listings.domain import ResearchDomain, research_domain
from .pages import assets, downloads, epub, feed, paper_pages, sitemap
from .styles.formatting import STYLE_NAME, ResearchStyle
from .styles.referencing import REFERENCE_STYLE_NAME, AscendingLabelReferenceStyle

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "2.0.0"


def bind_library(app: Sphinx) -> None:
    """Make this build's library, which the site's style finds from the entries it formats."""
    research_domain(app.env).library  # noqa: B018 (made and bound on first use)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension's settings, styles, directives, nodes, transforms and handlers."""
    app.setup_extension("sphinxcontrib.bibtex")
    config.add_settings(app)
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, ResearchStyle)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing",
        REFERENCE_STYLE_NAME,
        AscendingLabelReferenceStyle,
    )
    app.add_domain(ResearchDomain)
    app.add_directive("publication-list", publications.PublicationListDirective)
    app.add_directive("selected-publications", publications.SelectedPublicationsDirective)
    app.add_directive("owner", owner.OwnerDirective)
    app.add_directive("coauthors", coauthors.CoauthorsDirective)
    app.add_directive("coauthor-index", coauthors.CoauthorIndexDirective)
    app.add_node(
        nodes.disclosure,
        html=(nodes.visit_disclosure_html, nodes.depart_disclosure_html),
        latex=(nodes.skip_node, None),
        text=(nodes.skip_node, None),
        man=(nodes.skip_node, None),
        texinfo=(nodes.skip_node, None),
    )
    app.add_node(nodes.pending_entry)
    app.add_node(
        nodes.title_math,
        html=(nodes.visit_title_math_html, None),
        latex=(nodes.visit_title_math_latex, None),
        text=(nodes.pass_node, nodes.pass_node),
        man=(nodes.pass_node, nodes.pass_node),
        texinfo=(nodes.pass_node, nodes.pass_node),
    )
    app.add_node(
        nodes.cited,
        html=(nodes.visit_cited_html, nodes.depart_cited_html),
        latex=(nodes.pass_node, nodes.pass_node),
        text=(nodes.pass_node, nodes.pass_node),
        man=(nodes.pass_node, nodes.pass_node),
        texinfo=(nodes.pass_node, nodes.pass_node),
    )
    app.add_node(
        nodes.preview_store,
        html=(nodes.visit_preview_store_html, nodes.depart_preview_store_html),
        latex=(nodes.skip_node, None),
        text=(nodes.skip_node, None),
        man=(nodes.skip_node, None),
        texinfo=(nodes.skip_node, None),
    )
    app.add_transform(cited_works.CitedWorksSection)
    app.add_node(
        inplace.inplace_bibliography,
        latex=(inplace.visit_bibliography, inplace.depart_bibliography),
    )
    app.add_node(inplace.inplace_bibitem, latex=(inplace.visit_bibitem, inplace.depart_bibitem))
    app.add_post_transform(entries.FillEntries)
    app.add_post_transform(previews.CitationPreviews)
    app.add_post_transform(inplace.InPlaceBibliographyTransform)
    app.add_latex_package(inplace.PACKAGE.stem)
    app.add_event(paper_pages.PAGES_EVENT)
    app.connect("config-inited", assets.add_templates_folder)
    app.connect("config-inited", titleblock.set_title_block)
    app.connect("config-inited", pagecheck.suppress_stock_key_warning)
    app.connect("config-inited", cited_works.allow_a_work_on_several_pages)
    # before sphinxcontrib-bibtex's builder-inited (500), which then finds refs.bib parsed
    app.connect("builder-inited", bibcheck.load_bibliography, priority=400)
    # after it: this build's library, which the style formats (made and bound once)
    app.connect("builder-inited", bind_library, priority=600)
    app.connect("write-started", assets.copy_static_files)
    app.connect("write-started", inplace.add_package_file)
    app.connect("builder-inited", assets.add_stylesheet)
    app.connect("builder-inited", coauthors.check_coauthors)
    app.connect("doctree-read", pagecheck.check_fences_printed_as_text)
    app.connect("doctree-read", pagecheck.check_cited_keys)
    # before sphinxcontrib-bibtex's env-updated (500), which would crash on such a filter
    app.connect("env-updated", pagecheck.check_filters, priority=400)
    app.connect("env-updated", freshness.pages_to_rewrite)
    # after it: which papers' .bib and .ris to write again follows from what changed
    app.connect("env-updated", downloads.note_stale_files, priority=600)
    app.connect("html-collect-pages", paper_pages.collect_paper_pages)
    app.connect("html-page-context", pages.page_context)
    # before sphinx-sitemap's build-finished (500), which writes the sitemap
    app.connect("build-finished", sitemap.list_every_page, priority=400)
    app.connect("build-finished", downloads.write_bibtex_download)
    app.connect("build-finished", feed.write_feed)
    app.connect("build-finished", epub.normalise_epub)
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
