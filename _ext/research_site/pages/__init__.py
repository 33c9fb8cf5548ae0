"""What HTML builders write besides the documents, and what every page carries.

- :mod:`.paper_pages`: a page per paper (``html-collect-pages``);
- :mod:`.metadata`: Highwire, JSON-LD and OpenGraph of paper pages, the owner's ``Person``;
- :mod:`.downloads`: the clean ``.bib`` of every paper, each paper's ``.bib`` and ``.ris``;
- :mod:`.sitemap`: sphinx-sitemap's sitemap kept whole;
- :mod:`.assets`: stylesheet, template overrides (strict CSP), code assets where needed;
- :mod:`.epub`: byte-identical EPUB files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import assets, feed, metadata

if TYPE_CHECKING:
    import docutils.nodes
    from sphinx.application import Sphinx


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: docutils.nodes.document | None,
) -> None:
    """``html-page-context``: the CSP function and the favicon of every page, no code
    assets where no code is shown, the owner's ``Person`` on the home page."""
    assets.add_policy_function(context)
    assets.add_favicon(context)
    assets.drop_unused_code_assets(context, doctree)
    metadata.add_person_json_ld(app, pagename, context)
    feed.link_feed(app, pagename, context)
