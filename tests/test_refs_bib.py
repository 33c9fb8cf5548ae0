"""refs.bib: parses cleanly with pybtex and bibtexparser, and holds the seed's data.

The seed's papers are the first of the file, in their numbers' order; papers
appended since (as README says) are checked by the build, not here.
"""

from __future__ import annotations

import csv
import warnings

import bibtexparser
import pybtex.database
import pytest

from conftest import PROJECT, project_library
from seed import DATA, papers

REFS = PROJECT / "refs.bib"


@pytest.fixture(scope="module")
def bib() -> pybtex.database.BibliographyData:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return pybtex.database.parse_file(str(REFS))


def test_pybtex_and_bibtexparser_read_the_same_entries(
    bib: pybtex.database.BibliographyData,
) -> None:
    library = bibtexparser.parse_file(str(REFS))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == list(bib.entries.keys())
    again = bibtexparser.parse_string(bibtexparser.write_string(library))
    assert again.failed_blocks == []
    for before, after in zip(library.entries, again.entries, strict=True):
        assert {f.key: f.value for f in before.fields} == {f.key: f.value for f in after.fields}


def test_the_seed_papers_come_first_in_their_order() -> None:
    library = project_library()
    assert len(library.papers) >= len(papers())
    for number, paper in papers().items():
        key = library.papers[number - 1]
        assert library.number(key) == number
        facts = library.facts(key)
        assert facts.title_plain == paper.title, key
        assert tuple(author.plain for author in facts.authors) == paper.authors, key


def test_arxiv_ids_and_venue_urls_as_identified(bib: pybtex.database.BibliographyData) -> None:
    with (DATA / "papers-identifiers.tsv").open(encoding="utf-8") as handle:
        rows = {int(r["number"]): r for r in csv.DictReader(handle, delimiter="\t")}
    library = project_library()
    for number, row in rows.items():
        entry = bib.entries[library.papers[number - 1]]
        assert entry.fields.get("eprint", "") == row["arxiv_id"]
        https = row["venue_url"].replace("http://", "https://", 1)
        assert entry.fields.get("url", "") == https, number


def test_seed_keys_are_readable() -> None:
    library = project_library()
    for number in papers():
        key = library.papers[number - 1]
        facts = library.facts(key)
        surname = library.entry(key).persons["author"][0].last_names[-1].lower()
        assert key.startswith(f"{surname}{facts.date.year}"), key
