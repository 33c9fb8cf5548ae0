"""Test site: a list shortens a 70-author paper; its page, metadata and RIS keep every author.

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
html_theme = "furo"  # as the project: its template loads the site's script
