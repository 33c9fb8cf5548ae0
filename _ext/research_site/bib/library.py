"""The entries of refs.bib as the site uses them: the owner's papers, works by others,
their labels and the names their pages and anchors go by.

Only the owner's papers are numbered, in the order of refs.bib: the N-th paper
of the file is paper [N]; a paper appended at the end gets the next number and
no other number changes, whatever else the file holds. Works by others (cited
in the prose) are labelled by author and year, ``Kingma and Ba, 2015``, with
``2015a``/``2015b`` where two would read the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cached_property

from pybtex.database import BibliographyData, Entry

from .cleanbib import bibtex_record
from .facts import OWNER_FIELD, EntryFacts, entry_facts, owner_positions
from .names import OwnerName, is_others, surname


def slug(key: str) -> str:
    """A flat, URL-safe name for *key*: ``DBLP:conf/icml/Smith25`` -> ``dblp-conf-icml-smith25``.

    Lower case ASCII letters, digits and single hyphens, starting with a letter
    (docutils ids and file names alike); ``paper-`` is put before others.
    """
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_key.lower()).strip("-")
    return name if name[:1].isalpha() else f"paper-{name}".rstrip("-")


class Library:
    """refs.bib's entries, the owner's papers in file order, and each entry's facts.

    Facts are computed once per entry and kept: the style, the lists, the paper
    pages and their metadata all ask for them. Entries are never modified.
    """

    def __init__(self, data: BibliographyData, owner: OwnerName) -> None:
        self.data = data
        self.owner = owner
        self.papers: tuple[str, ...] = tuple(key for key in data.entries if self._owned(key))
        self._numbers = {key.lower(): n for n, key in enumerate(self.papers, start=1)}
        self._facts: dict[str, EntryFacts] = {}
        self._records: dict[str, str] = {}

    def _owned(self, key: str) -> bool:
        """Whether *key* is the owner's paper (an entry the checks reject is not)."""
        entry = self.data.entries[key]
        try:
            people = entry.persons.get("author", [])
            return bool(owner_positions(people, self.owner, entry.fields.get(OWNER_FIELD, "")))
        except ValueError:
            return False

    def entry(self, key: str) -> Entry:
        return self.data.entries[key]

    def is_paper(self, key: str) -> bool:
        return key.lower() in self._numbers

    def number(self, key: str) -> int | None:
        """The paper number of *key* (keys ignore case, as in BibTeX), None if not a paper."""
        return self._numbers.get(key.lower())

    def label(self, key: str) -> str:
        """``3`` for the owner's third paper, ``Kingma and Ba, 2015`` for a work by others."""
        number = self.number(key)
        return str(number) if number else self._work_labels[self.data.entries[key].key]

    def slug(self, key: str) -> str:
        return slug(self.data.entries[key].key)

    def facts(self, key: str) -> EntryFacts:
        """The facts of the entry *key* (raises :class:`.facts.EntryError`)."""
        entry = self.data.entries[key]
        found = self._facts.get(entry.key)
        if found is None:
            found = self._facts[entry.key] = entry_facts(entry, self.owner)
        return found

    def record(self, key: str) -> str:
        """The clean BibTeX record of *key* (:func:`.cleanbib.bibtex_record`), made once."""
        entry = self.data.entries[key]
        found = self._records.get(entry.key)
        if found is None:
            found = self._records[entry.key] = bibtex_record(entry)
        return found

    def newest_first(self) -> Iterator[str]:
        """The papers' keys, highest number first (the order of the owner's list)."""
        return reversed(self.papers)

    def years(self) -> list[int]:
        """The years that have papers, newest first."""
        return sorted({self.facts(key).date.year for key in self.papers}, reverse=True)

    @cached_property
    def _work_labels(self) -> dict[str, str]:
        """Author-year labels of the works by others, told apart by a letter where equal."""
        bases: dict[str, list[str]] = {}
        for key, entry in self.data.entries.items():
            if not self.is_paper(key):
                bases.setdefault(self._author_year(entry), []).append(key)
        labels = {}
        for base, keys in bases.items():
            for n, key in enumerate(keys):
                labels[key] = base + (chr(ord("a") + n) if len(keys) > 1 else "")
        return labels

    def _author_year(self, entry: Entry) -> str:
        """``Kingma``, ``Kingma and Ba`` or ``Vaswani et al.``, then the year."""
        people = entry.persons.get("author", []) or entry.persons.get("editor", [])
        names = [surname(person) for person in people if not is_others(person)]
        shown = (
            " and ".join(names)
            if len(names) <= 2 and len(names) == len(people)
            else f"{names[0] if names else '?'} et al."
        )
        try:
            year = str(self.facts(entry.key).date.year)
        except ValueError:
            year = "n.d."
        return f"{shown}, {year}"
