"""The extension's settings (``research_site_*`` in conf.py) and names derived from them."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: (name, default, what a change makes Sphinx rebuild, what it is)
SETTINGS: tuple[tuple[str, object, Literal["env", "html"], str], ...] = (
    ("research_site_owner", "", "env", "the owner's name as refs.bib writes it"),
    ("research_site_owner_aliases", [], "env", "other forms of it, e.g. 'A. Lovelace'"),
    ("research_site_initials", "", "html", "the favicon's letters, e.g. 'AL'"),
    ("research_site_owner_position", "", "html", "e.g. 'Ph.D. candidate'"),
    ("research_site_owner_affiliation", "", "html", "e.g. the school or department"),
    ("research_site_owner_homepage", "", "html", "the owner's public homepage"),
    ("research_site_coauthors", "data/coauthors.tsv", "env", "the featured co-authors' file"),
    ("research_site_bibtex_download", "publications/publications.bib", "html", "the .bib"),
    ("research_site_paper_dir", "publications", "html", "the folder of the paper pages"),
)

#: Builders that write a page per paper (the EPUB and the PDF have the list only).
PAPER_PAGE_BUILDERS = frozenset({"html"})


def add_settings(app: Sphinx) -> None:
    """Register the settings with their defaults."""
    for name, default, rebuild, description in SETTINGS:
        app.add_config_value(name, default, rebuild, types=[type(default)], description=description)


def paper_pagename(config: Config, slug: str) -> str:
    """``publications/<slug>``: the page of one paper on this site."""
    return posixpath.join(config.research_site_paper_dir, slug)


def writes_paper_pages(app: Sphinx) -> bool:
    """Whether this build writes a page per paper."""
    return app.builder.name in PAPER_PAGE_BUILDERS
