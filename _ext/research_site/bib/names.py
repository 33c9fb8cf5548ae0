"""Authors' names as readers expect them (DBLP's homonym numbers dropped, ``others`` as
"et al.") and whether a name is the owner's (case, braces, LaTeX and accents aside).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from pybtex.database import Person
from pybtex.richtext import Text

from .texts import DECODED_STRINGS, field_text, plain

#: What a reader sees for ``and others``, and after a list cut short.
OTHERS = "et al."

#: DBLP's number of a homonym, written after the name (``Lei Wu 0010``).
DBLP_NUMBER = re.compile(r"\d{4}")

#: A LaTeX control word alone (``\L``), which BibTeX's name parsing splits from its word.
CONTROL_WORD = re.compile(r"\\[A-Za-z]+")


def is_others(person: Person) -> bool:
    """``and others``: the authors a list leaves out ("et al.")."""
    return name_parts(person) == (("others",), ())


def name_parts(person: Person) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A person's name parts in reading order (``First Middle von Last``), and lineage,
    without a DBLP number."""
    parts: list[str] = []
    for part in person.first_names + person.middle_names + person.prelast_names + person.last_names:
        if parts and CONTROL_WORD.fullmatch(parts[-1]):  # "\L ukasz" is one word, "Łukasz"
            parts[-1] += f" {part}"
        else:
            parts.append(part)
    while len(parts) > 1 and DBLP_NUMBER.fullmatch(parts[-1]):
        parts = parts[:-1]
    return tuple(parts), tuple(person.lineage_names)


def clean_person(person: Person) -> Person:
    """*person* without a DBLP number (for the BibTeX a reader copies)."""
    if not (person.last_names and DBLP_NUMBER.fullmatch(person.last_names[-1])):
        return person
    parts, lineage = name_parts(person)
    return Person(first=" ".join(parts[:-1]), last=parts[-1], lineage=" ".join(lineage))


def full_name(person: Person) -> Text:
    """``First Middle von Last, Jr.``: every given name written out, LaTeX decoded."""
    return _full_name(*name_parts(person))


@lru_cache(maxsize=DECODED_STRINGS)
def _full_name(parts: tuple[str, ...], lineage: tuple[str, ...]) -> Text:
    name = Text(" ").join([field_text(part) for part in parts])
    if lineage:
        name = Text(name, ", ", Text(" ").join([field_text(part) for part in lineage]))
    return name


def fold(word: str) -> str:
    """A word as compared: case-folded, without accents."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(person: Person) -> tuple[str, ...]:
    """The name as plain, folded words, for telling whether two names are the same."""
    return _name_key(name_parts(person)[0])


@lru_cache(maxsize=DECODED_STRINGS)
def _name_key(parts: tuple[str, ...]) -> tuple[str, ...]:
    words = (fold(word).rstrip(".") for part in parts for word in plain(field_text(part)).split())
    return tuple(word for word in words if word)


def surname(person: Person) -> str:
    """The family name (``von Last``) as plain text, without a DBLP number."""
    last = person.prelast_names + person.last_names
    if last and DBLP_NUMBER.fullmatch(last[-1]):
        last = list(name_parts(person)[0][-1:])
    return plain(Text(" ").join([field_text(part) for part in last]))


def short_author_list(names: Sequence[str], complete: bool, most: int) -> str:
    """``A``, ``A and B``, ``A, B and C``: every name when the list is *complete* and has
    at most *most*; else the first and "et al." (the one rule for "et al.")."""
    if complete and len(names) <= most:
        return " and ".join(filter(None, (", ".join(names[:-1]), *names[-1:])))
    return f"{names[0] if names else '?'} {OTHERS}"


class OwnerName:
    """The site owner's name (``research_site_owner``) and other forms of it (aliases)."""

    def __init__(self, name: str, aliases: Iterable[str] = ()) -> None:
        self.name = name
        forms = [name, *aliases] if name.strip() else []
        self.keys = frozenset(name_key(Person(form)) for form in forms)

    def matches(self, person: Person) -> bool:
        """Whether *person* is written as one of the owner's forms."""
        return name_key(person) in self.keys

    def __repr__(self) -> str:
        return f"OwnerName({self.name!r}, {sorted(self.keys)!r})"
