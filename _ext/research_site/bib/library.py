"""The entries of refs.bib as the site uses them: the owner's papers numbered in file
order ([N] is the N-th paper, so appending one changes no number), works by others labelled
by author and year, and each entry's :class:`Identity`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple, Protocol

from pybtex.database import BibliographyData, Entry

from .cleanbib import bibtex_record
from .facts import OWNER_FIELD, EntryFacts, entry_facts, owner_positions
from .names import OwnerName, is_others, short_author_list, surname


def slug(key: str) -> str:
    """A flat, URL-safe name for *key*: ``DBLP:conf/icml/Smith25`` -> ``dblp-conf-icml-smith25``;
    lower-case ASCII letters, digits and single hyphens, led by a letter (else ``paper-``)."""
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_key.lower()).strip("-")
    return name if name[:1].isalpha() else f"paper-{name}".rstrip("-")


class WorkLabel(NamedTuple):
    """The author-year label of a work by others, in its two parts."""

    authors: str  # "Kingma and Ba", "Vaswani et al."
    year: str  # "2015", "2015a", "n.d."

    def __str__(self) -> str:
        return f"{self.authors}, {self.year}"


@dataclass(frozen=True)
class Identity:
    """What is known about an entry wherever it goes: its key, its flat name, and its
    paper number (the owner's papers) or its author-year label (works by others)."""

    key: str
    slug: str
    number: int | None
    work: WorkLabel | None

    @property
    def is_paper(self) -> bool:
        return self.number is not None

    @property
    def label(self) -> str:
        """``3``, or ``Kingma and Ba, 2015``."""
        return str(self.number) if self.number is not None else str(self.work)

    @property
    def sort_key(self) -> tuple[int, str]:
        """Papers by number, then works by label (case aside)."""
        return (self.number, "") if self.number is not None else (1 << 30, self.label.casefold())


class FormatCache(Protocol):
    """Formatted entries kept between builds (the optional speed layer gives one)."""

    def get(self, label: str, entry: Entry) -> Any: ...
    def put(self, label: str, entry: Entry, formatted: Any) -> None: ...


class Library:
    """refs.bib's entries, the owner's papers in file order, and each entry's facts.

    Facts are computed once per entry and kept: the style, the lists, the paper
    pages and their metadata all ask for them. Entries are never modified.
    """

    def __init__(self, data: BibliographyData, owner: OwnerName, author_limit: int = 0) -> None:
        self.data = data
        self.owner = owner
        #: Lists shorten author lists longer than this (0: never).
        self.author_limit = author_limit
        self.papers: tuple[str, ...] = tuple(key for key in data.entries if self._owned(key))
        self._numbers = {key.lower(): n for n, key in enumerate(self.papers, start=1)}
        self._facts: dict[str, EntryFacts] = {}
        self._records: dict[str, str] = {}
        #: Where the style keeps the entries it formats (None: formatted on each request).
        self.format_cache: FormatCache | None = None

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

    def identity(self, key: str) -> Identity:
        """The entry's key as refs.bib writes it, flat name, number or author-year label."""
        entry = self.data.entries[key]
        number = self.number(key)
        work = None if number else self._work_labels[entry.key]
        return Identity(entry.key, slug(entry.key), number, work)

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
    def _work_labels(self) -> dict[str, WorkLabel]:
        """Author-year labels of the works by others, told apart by a letter where equal."""
        bases: dict[WorkLabel, list[str]] = {}
        for key, entry in self.data.entries.items():
            if not self.is_paper(key):
                bases.setdefault(self._author_year(entry), []).append(key)
        labels = {}
        for (authors, year), keys in bases.items():
            for n, key in enumerate(keys):
                labels[key] = WorkLabel(authors, year + (chr(97 + n) if len(keys) > 1 else ""))
        return labels

    def _author_year(self, entry: Entry) -> WorkLabel:
        """``Kingma``, ``Kingma and Ba`` or ``Vaswani et al.``, and the year."""
        people = entry.persons.get("author", []) or entry.persons.get("editor", [])
        names = [surname(person) for person in people if not is_others(person)]
        try:
            year = str(self.facts(entry.key).date.year)
        except ValueError:
            year = "n.d."
        return WorkLabel(short_author_list(names or ["?"], len(names) == len(people), 2), year)
