"""Settings shared by the small test sites of tests/roots (each conf.py starts with them)."""

extensions = ["myst_parser", "research_site", "research_site.speed"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "research"
bibtex_reference_style = "ascending_label"
myst_enable_extensions = ["colon_fence"]
research_site_owner = "Ada Lovelace"
research_site_coauthors = "coauthors.tsv"
nitpicky = True
