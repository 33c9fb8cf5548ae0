"""Sphinx configuration of Mingze Wang's research site.

This file only wires and configures; the machinery lives in ``_ext/``.
"""

import sys
from pathlib import Path

# -- Project information -------------------------------------------------------

project = "Mingze Wang"
author = "Mingze Wang"
# EPUB requires copyright and version under -W; a fixed year keeps builds reproducible.
copyright = "2022\u20132025, Mingze Wang"
version = release = "2025.05"
language = "en"

# -- General configuration -----------------------------------------------------

# The local extension package in _ext/ (see _ext/research_site/__init__.py).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    # Copy buttons on the BibTeX records (local JS, no CDN).
    "sphinx_copybutton",
    "research_site",
]

root_doc = "index"
source_suffix = {".md": "markdown"}
# Only the site's pages are sources; tooling, data and the venv are not.
exclude_patterns = [
    ".*",
    "_build",
    ".venv",
    ".ci",
    "README.md",
    "bench",
    "data",
    "tests",
]

# Every reference must resolve; the ignore list is empty and meant to stay so.
nitpicky = True
nitpick_ignore: list[tuple[str, str]] = []

# -- MyST ----------------------------------------------------------------------

myst_enable_extensions = ["colon_fence"]

# -- sphinxcontrib-bibtex ------------------------------------------------------

bibtex_bibfiles = ["refs.bib"]
# The site's own pybtex style (_ext/research_site/style.py): owner in bold,
# markers from the data, labels from the order of refs.bib.
bibtex_default_style = "research"
# The stock label style, but "[8, 12, 16]" in ascending order whatever the key order.
bibtex_reference_style = "ascending_label"

# -- sphinx-copybutton ---------------------------------------------------------

# Only the BibTeX records carry a copy button; it copies the record exactly.
copybutton_selector = "details.pub-bibtex div.highlight pre"

# -- research_site (the local extension) ------------------------------------------

# The owner's name as written in refs.bib: shown in bold in every entry.
research_site_owner = "Mingze Wang"
research_site_coauthors = "data/coauthors.tsv"
# The clean BibTeX of all papers, written next to the list (path inside the HTML output).
research_site_bibtex_download = "publications/mingze-wang.bib"

# -- HTML output ---------------------------------------------------------------

html_theme = "furo"
html_title = "Mingze Wang"
# No "last updated" stamp or "view source" links: pages depend on sources only.
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
