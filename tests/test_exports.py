"""Entries as the export tools write them, read by the pure ``bib`` layer (no Sphinx).

The entries are those of tests/roots/test-second-site/refs.bib, each pasted as
arXiv, Google Scholar, DBLP, OpenReview, NeurIPS, PMLR, the ACL Anthology,
Crossref, Zotero (biblatex), IEEE Xplore or the ACM DL exports it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.database
import pytest
from pybtex.database import parse_string

from research_site.bib.cleanbib import bibtex_record
from research_site.bib.dates import parse_month
from research_site.bib.library import Library, slug
from research_site.bib.links import Link
from research_site.bib.names import OwnerName
from research_site.bib.texts import MATH_TAG, field_text, math_plain, plain
from research_site.checks.bibcheck import BibFiles, clash_problems

BIB = Path(__file__).parent / "roots" / "test-second-site" / "refs.bib"
OWNER = OwnerName("Zoé Lefèvre", ["Z. Lefèvre"])
WORKS = {
    "kingma2014adam",
    "NIPS2017_3f5ee243",
    "smith2018dont",
    "smith2018bayesian",
    "arora2019fine",
    "arora2019exact",
}


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library(pybtex.database.parse_file(str(BIB)), OWNER)


def line(lib: Library, key: str) -> str:
    """The entry's venue line, as plain text."""
    return plain(lib.facts(key).venue_line())


def test_the_owner_is_found_in_every_export_form(lib: Library) -> None:
    assert set(lib.data.entries) - set(lib.papers) == WORKS
    for key in lib.papers:
        owners = [author.plain for author in lib.facts(key).authors if author.is_owner]
        assert len(owners) == 1, key
    forms = {a.plain for key in lib.papers for a in lib.facts(key).authors if a.is_owner}
    assert forms == {"Zoé Lefèvre", "Zoe Lefevre", "Z. Lefèvre"}  # DBLP's "0002" dropped


def test_numbers_count_papers_only_and_works_read_by_author_and_year(lib: Library) -> None:
    assert [lib.number(key) for key in lib.papers] == list(range(1, len(lib.papers) + 1))
    assert all(lib.number(key) is None for key in WORKS)
    assert lib.identity("kingma2014adam").label == "Kingma and Ba, 2014"
    assert lib.identity("NIPS2017_3f5ee243").label == "Vaswani et al., 2017"
    assert lib.identity("smith2018bayesian").label == "Smith and Le, 2018"
    assert (lib.identity("arora2019fine").label, lib.identity("arora2019exact").label) == (
        "Arora et al., 2019a",
        "Arora et al., 2019b",
    )


def test_any_legal_key_gets_a_flat_url_safe_name(lib: Library) -> None:
    assert slug("NEURIPS2024_7f2a9c1e") == "neurips2024-7f2a9c1e"
    assert slug("DBLP:journals/corr/abs-2509-04444") == "dblp-journals-corr-abs-2509-04444"
    assert slug("10234567") == "paper-10234567"
    assert slug("10.1145/3637528.3671234") == "paper-10-1145-3637528-3671234"
    assert slug("Lef_vre_2023") == "lef-vre-2023"
    assert slug("lefevreMeanFieldTheory2022") == "lefevremeanfieldtheory2022"
    assert slug("wang2025gradpower") == "wang2025gradpower"  # clean keys keep their name
    slugs = [lib.slug(key) for key in lib.data.entries]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name) for name in slugs)


def test_names_lose_export_artefacts(lib: Library) -> None:
    icml = [a.plain for a in lib.facts("DBLP:conf/icml/Lefevre0025").authors]
    assert icml == ["Zoé Lefèvre", "Lei Wu", "Anna Schmidt"]
    optimal = lib.facts("lefevre2025optimal")
    assert [a.plain for a in optimal.authors][-1] == "et al."
    assert [a.plain for a in optimal.named_authors] == [
        "Zoé Lefèvre",
        "Marco Rossi",
        "Anna Schmidt",
    ]
    assert "Łukasz Kaiser" in [a.plain for a in lib.facts("NIPS2017_3f5ee243").authors]
    record = bibtex_record(lib.entry("DBLP:conf/icml/Lefevre0025"))
    assert "Wu, Lei and" in record and "0010" not in record and "0002" not in record


def test_tex_math_accents_and_specials_in_titles() -> None:
    title = field_text(r"Sparse Attention Converges at Rate $O(1/\sqrt{T})$")
    assert any(getattr(part, "name", None) == MATH_TAG for part in title.parts)
    assert plain(title) == "Sparse Attention Converges at Rate O(1/√T)"
    assert plain(field_text(r"{$\tilde{O}(\epsilon^{-2})$} rates for {\'E}cole \emph{SGD}")) == (
        "Õ(ε⁻²) rates for École SGD"
    )
    assert (
        plain(field_text(r"Q{\&}A -- a~study of \$5 models"))
        == "Q&A – a study of $5 models"  # "~" is a no-break space, as plain text a space
    )
    assert math_plain(r"\Theta(\sqrt{n \log n})") == "Θ(√(n log n))"
    assert math_plain(r"\ell_\infty") == "ℓ∞"
    assert math_plain(r"x_{t+1} = x_t - \eta g_t^2, \|W^\top\|") == "x_(t+1) = x_t - η g_t², ‖W^⊤‖"


@pytest.mark.parametrize(
    "value, month",
    [
        ("21--27 Jul", 7),
        ("06--11 Aug", 8),
        ("Sept", 9),
        ("Sep.", 9),
        ("sep", 9),
        ("9", 9),
        ("July 13-19", 7),
    ],
)
def test_month_forms_of_the_export_tools(value: str, month: int) -> None:
    assert parse_month(value) == month


def test_venue_lines_as_each_type_needs(lib: Library) -> None:
    assert line(lib, "DBLP:conf/icml/Lefevre0025").endswith(
        "Vancouver, BC, Canada, July 13-19, 2025"
    )
    assert line(lib, "lefevre2025optimal") == "arXiv preprint, 2025"
    assert line(lib, "DBLP:journals/corr/abs-2509-04444") == "arXiv preprint, 2025"
    assert (
        line(lib, "10.5555/thesis.2021.lefevre")
        == "Ph.D. thesis, École Polytechnique, September 2021"
    )
    assert line(lib, "lefevre2023report") == "Technical report RR-9512, INRIA, September 2023"
    assert (
        line(lib, "Lef_vre_2023")
        == "Journal of Machine Learning Research, vol. 24, no. 3, pp. 1–40, March 2023"
    )
    assert line(lib, "lefevreMeanFieldTheory2022") == (
        "SIAM Journal on Mathematics of Data Science, vol. 4, no. 4, pp. 1201–1230, November 2022"
    )
    assert line(lib, "pmlr-v235-lefevre24a") == (
        "Proceedings of the 41st International Conference on Machine Learning, vol. 235, "
        "pp. 26012–26040, July 2024"
    )
    assert (
        line(lib, "10234567")
        == "IEEE Transactions on Signal Processing, vol. 71, pp. 3001–3014, 2023"
    )
    kinds = {key: lib.facts(key).venue.kind for key in lib.papers}
    assert kinds["lefevre2025optimal"] == kinds["DBLP:journals/corr/abs-2509-04444"] == "other"
    assert kinds["10.5555/thesis.2021.lefevre"] == "thesis"


def test_identifiers_and_links_one_per_target(lib: Library) -> None:
    def links(key: str) -> list[Link]:
        return list(lib.facts(key).links)

    assert lib.facts("lefevre2025optimal").arxiv_id == "2508.04321"  # from Google Scholar's journal
    assert lib.facts("DBLP:journals/corr/abs-2509-04444").arxiv_id == "2509.04444"
    assert [link.text for link in links("DBLP:journals/corr/abs-2509-04444")] == ["arXiv", "PDF"]
    assert [link.text for link in links("lefevre2025scaling")] == [
        "arXiv",
        "PDF",
    ]  # url is the abs page
    assert links("10.1145/3637528.3671234") == [
        Link("DOI", "https://doi.org/10.1145/3637528.3671234")
    ]
    assert [link.text for link in links("lefevre-tanaka-2024-probing")] == ["DOI", "ACL Anthology"]
    assert [link.text for link in links("pmlr-v235-lefevre24a")] == ["PMLR", "PDF"]
    assert [link.text for link in links("lefevre2025tokens")] == ["OpenReview"]
    assert lib.facts("Lef_vre_2023").doi == "10.5555/jmlr.2023.0042"
    assert lib.facts("pmlr-v235-lefevre24a").abstract is not None


def test_clean_records_keep_standard_bibtex_only(lib: Library) -> None:
    zotero = bibtex_record(lib.entry("lefevreMeanFieldTheory2022"))
    assert (
        "journal = {SIAM Journal" in zotero
        and "year = {2022}" in zotero
        and "month = nov" in zotero
    )
    for noise in ("journaltitle", "date =", "urldate", "langid", "keywords", "file ="):
        assert noise not in zotero
    acm = bibtex_record(lib.entry("10.1145/3637528.3671234"))
    assert "address = {New York, NY, USA}" in acm and "isbn" not in acm and "numpages" not in acm
    dblp = bibtex_record(lib.entry("DBLP:conf/icml/Lefevre0025"))
    assert "timestamp" not in dblp and "biburl" not in dblp and "bibsource" not in dblp
    assert "month = jul" in bibtex_record(lib.entry("pmlr-v235-lefevre24a"))


def test_the_same_paper_under_two_keys_is_found_by_arxiv_id_doi_or_title(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@misc{a2023, title={One Paper}, author={Zoé Lefèvre}, year={2023}, eprint={2301.01234},"
        " archivePrefix={arXiv}}\n"
        "@article{b2023, title={One paper, renamed}, author={Lefèvre, Zoé}, year={2023},"
        " journal={arXiv preprint arXiv:2301.01234}}\n"
        "@article{c2023, title={Other}, author={Lefèvre, Zoé}, year={2023}, doi={10.1000/xyz}}\n"
        "@inproceedings{d2023, title={Yet another}, author={Lefèvre, Zoé}, year={2023},"
        " booktitle={B}, doi={https://doi.org/10.1000/XYZ}}\n",
        encoding="utf-8",
    )
    lib = Library(parse_string(bib.read_text(encoding="utf-8"), "bibtex"), OWNER)
    problems = [text for _, _, text in clash_problems(BibFiles([bib]), lib)]
    assert [p.split(":")[0] for p in problems] == [
        "entry 'b2023' is the same paper as entry 'a2023' (line 1; same arXiv id)",
        "entry 'd2023' is the same paper as entry 'c2023' (line 3; same DOI)",
    ]


def test_adding_works_by_others_never_changes_the_owners_numbers(lib: Library) -> None:
    work = (
        "@article{he2016deep, title={Deep residual learning}, author={He, Kaiming and others},"
        " journal={CVPR}, year={2016}}\n"
    )
    text = BIB.read_text(encoding="utf-8")
    first = text.index("@")
    with_works = (
        text[:first]
        + work
        + text[first:]
        + work.replace("he2016deep", "he2016again").replace("Deep", "More")
    )
    more = Library(parse_string(with_works, "bibtex"), OWNER)
    assert [more.number(key) for key in lib.papers] == [lib.number(key) for key in lib.papers]
    assert more.papers == lib.papers
