"""Test site: another researcher's site, with entries as many tools export them.

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
# Another researcher, whose name has accents, with entries exported by many tools.
owner = "Zoé Lefèvre"
research_site_owner = owner
# Crossref and IEEE Xplore give initials; the accent-less, surname-first and
# DBLP-numbered forms are recognised without an alias.
research_site_owner_aliases = ["Z. Lefèvre"]
project = owner
author = owner
copyright = f"2025, {owner}"
# with the optional speed layer, as the project has it
extensions += ["research_site.speed", "sphinx_sitemap"]
html_baseurl = "https://example.org/zoe/"
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html"]
research_site_bibtex_download = "publications/zoe-lefevre.bib"
epub_basename = "zoe-lefevre"
epub_show_urls = "no"
version = release = "1"
html_theme = "furo"
# As the project's conf.py: no "view source" links (furo's icon sits outside its landmarks).
html_show_sourcelink = False
html_copy_source = False
