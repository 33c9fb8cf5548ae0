"""Paper numbers from the order of refs.bib: the N-th entry is paper [N].

The owner's own numbering is chronological by when a paper joined the list, not
strictly by date, so it is the file order, not a sort on year or month. A new
paper appended at the end gets the next number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from pybtex.database import BibliographyData, Entry


class Numbering(Mapping[str, int]):
    """Maps an entry key (case-insensitively, as BibTeX does) to its number."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._numbers = {key.lower(): n for n, key in enumerate(keys, start=1)}

    @classmethod
    def from_bibdata(cls, data: BibliographyData) -> Numbering:
        """Number the entries of *data* in file order."""
        return cls(data.entries.keys())

    def __getitem__(self, key: str) -> int:
        return self._numbers[key.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)

    def of(self, entry: Entry) -> int:
        """The number of *entry*."""
        return self[entry.key]

    def label(self, entry: Entry) -> str:
        """The label text of *entry*, e.g. ``"18"``."""
        return str(self.of(entry))
