from rootconf import *  # noqa: F403 (the settings every test site shares)

extensions = [*extensions, "sphinx_sitemap"]  # noqa: F405
html_baseurl = "https://example.org/site/"
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html"]
project = "Ada's site"
