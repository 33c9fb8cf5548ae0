"""The extension's settings (``research_site_*`` in conf.py) and names derived from them."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: (name, default, what a change makes Sphinx rebuild, what it is)
SETTINGS: tuple[tuple[str, object, Literal["env", "html", ""], str], ...] = (
    ("research_site_owner", "", "env", "the owner's name as refs.bib writes it"),
    ("research_site_owner_aliases", [], "env", "other forms of it, e.g. 'A. Lovelace'"),
    ("research_site_initials", "", "html", "the favicon's letters (default: the owner's)"),
    ("research_site_owner_native", "", "env", "the name in its native script"),
    ("research_site_owner_position", "", "env", "e.g. 'Ph.D. candidate'"),
    ("research_site_owner_affiliation", "", "env", "e.g. the school or department"),
    ("research_site_owner_advisor", "", "env", "the advisor's name"),
    ("research_site_owner_homepage", "", "env", "the owner's public homepage"),
    ("research_site_owner_scholar", "", "env", "the Google Scholar profile's URL"),
    ("research_site_owner_orcid", "", "env", "the ORCID iD's URL"),
    ("research_site_owner_github", "", "env", "the GitHub profile's URL"),
    ("research_site_owner_email", "", "env", "the e-mail address"),
    ("research_site_keywords", [], "", "the PDF's keywords"),
    ("research_site_author_limit", 10, "env", "lists shorten longer author lists (0: never)"),
    ("research_site_coauthors", "data/coauthors.tsv", "env", "the featured co-authors' file"),
    ("research_site_bibtex_download", "publications/publications.bib", "html", "the .bib"),
    ("research_site_paper_dir", "publications", "html", "the folder of the paper pages"),
)

#: The owner's links (setting, label), in the order the contact line shows them.
CONTACT_LINKS = (
    ("research_site_owner_homepage", "Homepage"),
    ("research_site_owner_scholar", "Google Scholar"),
    ("research_site_owner_orcid", "ORCID"),
    ("research_site_owner_github", "GitHub"),
    ("research_site_owner_email", "Email"),
)


def add_settings(app: Sphinx) -> None:
    """Register the settings with their defaults."""
    for name, default, rebuild, description in SETTINGS:
        app.add_config_value(name, default, rebuild, types=[type(default)], description=description)


def contact_links(config: Config) -> list[tuple[str, str]]:
    """``(label, URL)`` of each link the owner set (an e-mail address as a mailto: URL)."""
    links = []
    for name, label in CONTACT_LINKS:
        value = str(getattr(config, name)).strip()
        if value:
            links.append((label, f"mailto:{value}" if "@" in value and ":" not in value else value))
    return links


def owner_position(config: Config) -> str:
    """``Ph.D. candidate, School. Advisor: Name.``: the parts the owner set."""
    text = ", ".join(
        part
        for part in (config.research_site_owner_position, config.research_site_owner_affiliation)
        if part
    )
    advisor = config.research_site_owner_advisor
    if advisor:
        text = f"{text}. Advisor: {advisor}" if text else f"Advisor: {advisor}"
    return f"{text}." if text and not text.endswith(".") else text


def paper_pagename(config: Config, slug: str) -> str:
    """``publications/<slug>``: the page of one paper on this site."""
    return posixpath.join(config.research_site_paper_dir, slug)


def feed_path(config: Config) -> str:
    """``publications/feed.xml``: the Atom feed of the owner's papers."""
    return posixpath.join(config.research_site_paper_dir, "feed.xml")


def attachment_path(config: Config, path: str) -> str:
    """``publications/files/<name>``: where the site serves a file of the repository that
    an entry links (``slides = {talks/slides.pdf}``)."""
    return posixpath.join(config.research_site_paper_dir, "files", posixpath.basename(path))
