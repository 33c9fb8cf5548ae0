"""Sphinx configuration of Mingze Wang's research site.

This file only wires and configures; the machinery lives in ``_ext/``.
"""

import os
import sys
from pathlib import Path

# -- Project information -------------------------------------------------------

# The owner, written once: everything else that names them is derived below
# (pages use them through MyST substitutions, the PDF's title block and the
# favicon's initials through research_site_owner).
owner = "Mingze Wang"
owner_native = "\u738b\u94ed\u6cfd"  # 王铭泽, rendered in the PDF with xeCJK
# "mingze-wang": the names of the PDF, the EPUB and the .bib download.
file_stem = "-".join(owner.lower().split())

project = owner
author = owner
# EPUB requires copyright and version under -W; a fixed year keeps builds reproducible.
copyright = f"2022\u20132025, {owner}"
version = release = "2025.05"
language = "en"

# The site's public address, set once: Read the Docs provides it at build time;
# elsewhere the Read the Docs address of the project. Canonical links, the
# sitemap, OpenGraph and the paper pages' metadata all use it.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://mingze-wang.readthedocs.io/en/latest/"
)

# -- General configuration -----------------------------------------------------

# The local extension package in _ext/ (see _ext/research_site/__init__.py).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "research_site",
    # Optional: the same site, built faster when little changed (research_site_speed).
    "research_site.speed",
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
    "CONTRIBUTING.md",
    "tools",
    "bench",
    "data",
    "tests",
]

# Every reference must resolve; the ignore list is empty and meant to stay so.
nitpicky = True
nitpick_ignore: list[tuple[str, str]] = []

# -- MyST ----------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "substitution"]
myst_substitutions = {"owner": owner}

# -- sphinxcontrib-bibtex ------------------------------------------------------

bibtex_bibfiles = ["refs.bib"]
# The site's own pybtex style (_ext/research_site/style.py): owner in bold,
# markers from the data, labels from the order of refs.bib.
bibtex_default_style = "research"
# The stock label style, but "[1–6, 8, 12]": ascending whatever the key order, runs compressed.
bibtex_reference_style = "ascending_label"
# No title tooltips: each citation opens a preview of its papers (listings/previews.py).
bibtex_tooltips = False

# -- sphinxext-opengraph -----------------------------------------------------------

# OpenGraph tags and the description meta tag of every page (paper pages carry
# their own, from refs.bib).
ogp_site_url = html_baseurl
# No generated preview images (they need matplotlib and fonts).
ogp_social_cards = {"enable": False}

# -- sphinx-sitemap ------------------------------------------------------------------

# html_baseurl already ends in /<language>/<version>/ on Read the Docs.
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html"]

# -- research_site (the local extension) ------------------------------------------

# The owner's name: an entry is the owner's paper when one of its authors is
# written so (case, accents, "Wang, Mingze" and DBLP's "Mingze Wang 0001" aside)
# or as one of the aliases; other entries are works the prose cites.
research_site_owner = owner
research_site_owner_aliases: list[str] = []
# The favicon's letters default to the owner's initials ("MW"); research_site_initials
# sets others.
# Who the owner is: under the name on the home page, in the PDF's title block and
# in the home page's schema.org Person. Only the homepage is known; the other
# links stay empty until the owner sets them (nothing is guessed).
research_site_owner_native = owner_native
research_site_owner_position = "Ph.D. candidate"
research_site_owner_affiliation = "School of Mathematical Sciences, Peking University"
research_site_owner_advisor = "Weinan E"
research_site_owner_homepage = "https://wmz9.github.io/"
research_site_owner_scholar = ""
research_site_owner_orcid = ""
research_site_owner_github = ""
research_site_owner_email = ""
# The PDF's keywords (its metadata).
research_site_keywords = [
    "machine learning theory",
    "deep learning theory",
    "optimization",
    "Transformers",
    "large language models",
]
research_site_coauthors = "data/coauthors.tsv"
# The clean BibTeX of all papers, written next to the list (path inside the HTML output).
research_site_bibtex_download = f"publications/{file_stem}.bib"

# -- HTML output ---------------------------------------------------------------


html_theme = "furo"
html_title = owner
# No "last updated" stamp or "view source" links: pages depend on sources only.
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
# No general index: the site has no index entries, so it would be an empty page
# (written again on every build).
html_use_index = False

# -- LaTeX / PDF output ----------------------------------------------------------

# XeLaTeX renders every character used from system fonts, nothing fetched:
# Sphinx's default FreeSerif/FreeSans/FreeMono (Debian fonts-freefont-otf) for
# Latin text and the † marker, xeCJK with Noto CJK (fonts-noto-cjk) for the
# owner's name in Chinese.
latex_engine = "xelatex"
# The PDF is named after the owner (Read the Docs names it after the project slug).
# It is a research statement with a publication list, not a manual: the "howto"
# class (sections, no chapters), the extension's title block at the top of the
# first page (name, position, advisor, links, "as of <month year>", the running
# foot "page N of M"), no table of contents and no index.
latex_documents = [("index", f"{file_stem}.tex", owner, owner, "howto")]
latex_show_urls = "no"
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "extraclassoptions": "oneside",
    "pointsize": "11pt",
    "sphinxsetup": "hmargin=2.2cm, vmargin={2cm, 2.4cm}",
    "tableofcontents": "",
    "printindex": "",
    "makeindex": "",
    "preamble": r"""
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}[ItalicFont={Noto Serif CJK SC}]
\setCJKsansfont{Noto Sans CJK SC}[ItalicFont={Noto Sans CJK SC}]
\setCJKmonofont{Noto Sans Mono CJK SC}
""",
}

# -- EPUB output -------------------------------------------------------------------

epub_basename = file_stem
epub_show_urls = "no"
