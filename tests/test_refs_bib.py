"""refs.bib: parses cleanly with pybtex and bibtexparser, and holds the seed's data."""

from __future__ import annotations

import csv
import warnings

import bibtexparser
import pybtex.database
import pytest

from conftest import PROJECT
from seed import DATA, papers

REFS = PROJECT / "refs.bib"


@pytest.fixture(scope="module")
def bib() -> pybtex.database.BibliographyData:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return pybtex.database.parse_file(str(REFS))


def test_pybtex_parses_18_entries(bib: pybtex.database.BibliographyData) -> None:
    assert len(bib.entries) == 18


def test_bibtexparser_parses_and_round_trips() -> None:
    library = bibtexparser.parse_file(str(REFS))
    assert library.failed_blocks == []
    assert len(library.entries) == 18
    again = bibtexparser.parse_string(bibtexparser.write_string(library))
    assert again.failed_blocks == []
    assert [e.key for e in again.entries] == [e.key for e in library.entries]
    for before, after in zip(library.entries, again.entries, strict=True):
        assert {f.key: f.value for f in before.fields} == {f.key: f.value for f in after.fields}


def test_file_order_is_the_seed_numbering(bib: pybtex.database.BibliographyData) -> None:
    for number, (key, entry) in enumerate(bib.entries.items(), start=1):
        title = str(pybtex.richtext.Text.from_latex(entry.fields["title"]))
        assert title == papers()[number].title, key


def test_authors_in_seed_order(bib: pybtex.database.BibliographyData) -> None:
    for number, entry in enumerate(bib.entries.values(), start=1):
        names = [
            " ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names)
            for p in entry.persons["author"]
        ]
        assert tuple(names) == papers()[number].authors


def test_arxiv_ids_and_venue_urls_as_identified(bib: pybtex.database.BibliographyData) -> None:
    with (DATA / "papers-identifiers.tsv").open(encoding="utf-8") as handle:
        rows = {int(r["number"]): r for r in csv.DictReader(handle, delimiter="\t")}
    for number, entry in enumerate(bib.entries.values(), start=1):
        assert entry.fields.get("eprint", "") == rows[number]["arxiv_id"]
        https = rows[number]["venue_url"].replace("http://", "https://", 1)
        assert entry.fields.get("url", "") == https, number


def test_keys_are_readable(bib: pybtex.database.BibliographyData) -> None:
    for key, entry in bib.entries.items():
        surname = entry.persons["author"][0].last_names[-1].lower()
        assert key.startswith(surname + entry.fields["year"]), key
