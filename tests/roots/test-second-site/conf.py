from rootconf import *  # noqa: F403 (the settings every test site shares)

# Another researcher, whose name has accents, with entries exported by many tools.
owner = "Zoé Lefèvre"
research_site_owner = owner
# Crossref and IEEE Xplore give initials; the accent-less, surname-first and
# DBLP-numbered forms are recognised without an alias.
research_site_owner_aliases = ["Z. Lefèvre"]
project = owner
author = owner
copyright = f"2025, {owner}"
extensions = [*extensions, "sphinx_sitemap"]  # noqa: F405
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
