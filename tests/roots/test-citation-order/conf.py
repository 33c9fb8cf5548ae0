import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
extensions = ["myst_parser", "research_site"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "research"
bibtex_reference_style = "ascending_label"
research_site_owner = "Mingze Wang"
research_site_coauthors = "coauthors.tsv"
nitpicky = True
