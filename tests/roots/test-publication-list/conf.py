from rootconf import *  # noqa: F403 (the settings every test site shares)

research_site_bibtex_download = "papers.bib"
