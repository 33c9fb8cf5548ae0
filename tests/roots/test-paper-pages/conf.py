"""Test site: a page per paper, its metadata, and a whole sitemap.

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
extensions.append("sphinx_sitemap")
html_baseurl = "https://example.org/site/"
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html"]
project = "Ada's site"
