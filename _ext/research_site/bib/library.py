"""The entries of refs.bib as the site uses them: the owner's papers and their numbers.

Paper numbers come from the order of refs.bib: the N-th paper of the file is
paper [N]. The owner's numbering is chronological by when a paper joined the
list, not strictly by date, so it is the file order, not a sort on the date; a
paper appended at the end gets the next number and no other number changes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pybtex.database import BibliographyData, Entry

from .facts import EntryFacts, entry_facts
from .names import OwnerName


class Library:
    """refs.bib's entries, the owner's papers in file order, and each entry's facts.

    Facts are computed once per entry and kept: the style, the lists, the paper
    pages and their metadata all ask for them. Entries are never modified.
    """

    def __init__(self, data: BibliographyData, owner: OwnerName) -> None:
        self.data = data
        self.owner = owner
        self.papers: tuple[str, ...] = tuple(data.entries.keys())
        self._numbers = {key.lower(): n for n, key in enumerate(self.papers, start=1)}
        self._facts: dict[str, EntryFacts] = {}

    def entry(self, key: str) -> Entry:
        return self.data.entries[key]

    def number(self, key: str) -> int | None:
        """The paper number of *key* (keys ignore case, as in BibTeX), None if not a paper."""
        return self._numbers.get(key.lower())

    def facts(self, key: str) -> EntryFacts:
        """The facts of the entry *key* (raises :class:`.facts.EntryError`)."""
        entry = self.data.entries[key]
        found = self._facts.get(entry.key)
        if found is None:
            found = self._facts[entry.key] = entry_facts(entry, self.owner)
        return found

    def newest_first(self) -> Iterator[str]:
        """The papers' keys, highest number first (the order of the owner's list)."""
        return reversed(self.papers)

    def years(self) -> list[int]:
        """The years that have papers, newest first."""
        return sorted({self.facts(key).date.year for key in self.papers}, reverse=True)
