"""Authors' names: written out in full for display, compared as plain words."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pybtex.database import Person
from pybtex.richtext import Text

from .texts import DECODED_STRINGS, field_text


def name_parts(person: Person) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A person's name parts in reading order (``First Middle von Last``), and lineage."""
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
    return tuple(parts), tuple(person.lineage_names)


def full_name(person: Person) -> Text:
    """``First Middle von Last, Jr.``: every given name written out, LaTeX decoded."""
    return _full_name(*name_parts(person))


@lru_cache(maxsize=DECODED_STRINGS)
def _full_name(parts: tuple[str, ...], lineage: tuple[str, ...]) -> Text:
    name = Text(" ").join([field_text(part) for part in parts])
    if lineage:
        name = Text(name, ", ", Text(" ").join([field_text(part) for part in lineage]))
    return name


def name_key(person: Person) -> tuple[str, ...]:
    """The name as plain, case-folded words, for telling whether two names are the same."""
    return _name_key(name_parts(person)[0])


@lru_cache(maxsize=DECODED_STRINGS)
def _name_key(parts: tuple[str, ...]) -> tuple[str, ...]:
    words = (str(field_text(part)) for part in parts)
    return tuple(unicodedata.normalize("NFC", word).casefold() for word in words)


class OwnerName:
    """The site owner's name, as ``research_site_owner`` gives it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.key = name_key(Person(name)) if name.strip() else None

    def matches(self, person: Person) -> bool:
        """Whether *person* is the owner (case, braces and LaTeX do not matter)."""
        return self.key is not None and name_key(person) == self.key
