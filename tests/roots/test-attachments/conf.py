"""Test site: a paper's slides, poster, video, talk, blog, project page, data and code.

Its own site: ``sphinx-build -n -W . _build`` in this folder builds it.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))  # research_site

extensions = ["myst_parser", "research_site"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "research"
bibtex_reference_style = "ascending_label"
myst_enable_extensions = ["colon_fence"]
nitpicky = True
research_site_owner = "Ada Lovelace"
html_baseurl = "https://example.org/site/"  # where the EPUB and PDF link a copied file
project = "Ada's site"
version = release = "1"
copyright = "2025, Ada Lovelace"
epub_show_urls = "no"
