"""Sphinx extension of a researcher's site: pages of prose that cite papers of one refs.bib.

Data flows one way: refs.bib -> pybtex (parsed once, by sphinxcontrib-bibtex)
-> the facts of each entry (:mod:`.bib`) -> the site's pybtex styles
(:mod:`.styles`) -> docutils nodes (:mod:`.listings`) -> Sphinx's writers
(HTML, EPUB, LaTeX). The folders are the layers:

- :mod:`.bib`: pure Python on pybtex's data (entry facts, numbering, links, clean BibTeX);
- :mod:`.styles`: the pybtex formatting style and the referencing style;
- :mod:`.listings`: the Sphinx side: directives, nodes, transforms, the domain;
- :mod:`.pages`: what HTML builders write besides the documents (paper pages,
  metadata, downloads, sitemap, assets, reproducible EPUB);
- :mod:`.latex`: the PDF's bibliography kept in place;
- :mod:`.checks`: clear errors for bad refs.bib and pages;
- :mod:`.speed`: an optional layer, its own extension, that the core never imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pybtex.plugin
import sphinxcontrib.bibtex.plugin

from . import config, pages
from .checks import bibcheck, pagecheck
from .latex import inplace, titleblock
from .listings import cited_works, coauthors, entries, freshness, nodes, owner, publications
from .listings.domain import ResearchDomain, research_domain
from .pages import assets, downloads, epub, paper_pages, sitemap
from .styles.formatting import STYLE_NAME, ResearchStyle
from .styles.referencing import REFERENCE_STYLE_NAME, AscendingLabelReferenceStyle

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "2.0.0"


def register_style(app: Sphinx) -> None:
    """Register the pybtex style bound to this build's entries (after they are parsed)."""
    style = ResearchStyle.bound(research_domain(app.env).library)
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, style, force=True)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension's settings, styles, directives, nodes, transforms and handlers."""
    app.setup_extension("sphinxcontrib.bibtex")
    config.add_settings(app)
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
    app.add_transform(cited_works.CitedWorksSection)
    app.add_node(
        inplace.inplace_bibliography,
        latex=(inplace.visit_bibliography, inplace.depart_bibliography),
    )
    app.add_node(inplace.inplace_bibitem, latex=(inplace.visit_bibitem, inplace.depart_bibitem))
    app.add_post_transform(entries.FillEntries)
    app.add_post_transform(inplace.InPlaceBibliographyTransform)
    app.add_latex_package(inplace.PACKAGE.stem)
    app.add_event(paper_pages.PAGES_EVENT)
    app.connect("config-inited", assets.add_folders)
    app.connect("config-inited", assets.add_initials)
    app.connect("config-inited", inplace.add_package_file)
    app.connect("config-inited", titleblock.set_title_block)
    app.connect("config-inited", pagecheck.suppress_stock_key_warning)
    app.connect("config-inited", cited_works.allow_a_work_on_several_pages)
    # before sphinxcontrib-bibtex's builder-inited (500), which then finds refs.bib parsed
    app.connect("builder-inited", bibcheck.load_bibliography, priority=400)
    # after it: the style is bound to the entries it parsed
    app.connect("builder-inited", register_style, priority=600)
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
    app.connect("build-finished", epub.normalise_epub)
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
