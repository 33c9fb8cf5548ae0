"""The pybtex style of the site: one rendering of an entry everywhere.

An entry reads like the owner's own list::

    Title. Author*†, Author*, Author. Venue (Short), 1–22, May 2025. [Award]

The owner's name is bold wherever it appears, markers come from the entry's
``author+an`` data (:mod:`.annotations`), labels and order from the file order
of refs.bib (:mod:`.numbering`). The parts of an entry are wrapped in named
tags (``pub-title``, ``pub-authors``, ...) that :mod:`.backend` turns into
classed nodes; other pybtex backends render the tags' text unchanged.

The style never modifies the entries it formats.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import zip_longest
from typing import ClassVar, Protocol

from pybtex.database import Entry, Person
from pybtex.richtext import BaseText, String, Tag, Text
from pybtex.scanner import PybtexSyntaxError
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle

from .annotations import author_markers
from .numbering import Numbering

#: The pybtex plugin name of the formatting style.
STYLE_NAME = "research"

#: ``pubstate`` values (biblatex) and how the venue line shows them.
PUBSTATE_TEXT = {
    "submitted": "Under review",
    "inpress": "In press",
    "forthcoming": "Forthcoming",
    "inpreparation": "In preparation",
    "prepublished": "Preprint",
}

#: The prefix of the tag names of an entry's parts.
PART_PREFIX = "pub-"

#: Tag names of the parts of an entry (rendered as classes by :mod:`.backend`).
TITLE, AUTHORS, OWNER, VENUE, AWARD = (
    "pub-title",
    "pub-authors",
    "pub-owner",
    "pub-venue",
    "pub-award",
)

MONTHS = (
    "January February March April May June July August September October November December"
).split()


#: LaTeX escapes of characters that pybtex's decoder cannot give back literally
#: (it turns ``\\{`` into a brace group and keeps ``\\$`` as is).
LITERAL_ESCAPES = {
    r"\{": "{",
    r"\}": "}",
    r"\$": "$",
    r"\textasciicircum{}": "^",
    r"\^{}": "^",
}
_LITERAL_ESCAPE = re.compile("|".join(map(re.escape, LITERAL_ESCAPES)))


#: Distinct strings decoded are kept (names and venues repeat across entries).
DECODED_STRINGS = 1 << 16


#: Text that LaTeX decoding leaves as it is: words of letters, digits and plain
#: punctuation, single spaces between them, no ligature (``--``, ``''``, ``,,``)
#: and nothing special to LaTeX (``~``, ``%``, braces, backslashes ...).
PLAIN_TEXT = re.compile(r"[A-Za-z0-9,.:;()?!/+=\-']+(?: [A-Za-z0-9,.:;()?!/+=\-']+)*")
LIGATURES = re.compile(r"--|''|,,")


@lru_cache(maxsize=DECODED_STRINGS)
def latex_text(value: str) -> Text:
    """pybtex's rich text of LaTeX *value* (``Text.from_latex``), decoded once per string.

    Decoding is most of the cost of formatting an entry, so plain text skips
    the decoder (the result is equal), and rich texts, never modified in place,
    are shared by every entry that has the same string.
    """
    if PLAIN_TEXT.fullmatch(value) and not LIGATURES.search(value):
        return Text(value)
    return Text.from_latex(value)


def _decode(piece: str) -> list[BaseText]:
    """One piece decoded by pybtex, keeping the white space at its ends."""
    stripped = piece.strip()
    if not stripped:
        return [String(piece)] if piece else []
    lead, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
    return [String(lead)] * bool(lead) + [latex_text(stripped)] + [String(tail)] * bool(tail)


@lru_cache(maxsize=DECODED_STRINGS)
def field_text(value: str) -> Text:
    """Rich text of a BibTeX field value (braces and LaTeX escapes resolved).

    pybtex decodes the LaTeX; the escapes of :data:`LITERAL_ESCAPES` are cut out
    first and kept as literal characters. Where cutting would unbalance a brace
    group, the value is decoded whole, as pybtex alone would, and where even
    that fails, shown as written.
    """
    pieces = _LITERAL_ESCAPE.split(value)
    escapes = _LITERAL_ESCAPE.findall(value)
    parts: list[BaseText] = []
    try:
        for piece, escape in zip_longest(pieces, escapes):
            parts += _decode(piece or "")
            if escape:
                parts.append(String(LITERAL_ESCAPES[escape]))
        return Text(*parts)
    except PybtexSyntaxError:
        pass
    try:
        return latex_text(value)
    except PybtexSyntaxError:
        return Text(value)


def person_words(person: Person) -> tuple[str, ...]:
    """A person's name as plain, case-folded words, for comparing names."""
    return _plain_words(
        tuple(person.first_names + person.middle_names + person.prelast_names + person.last_names)
    )


@lru_cache(maxsize=DECODED_STRINGS)
def _plain_words(parts: tuple[str, ...]) -> tuple[str, ...]:
    plain = (str(field_text(part)) for part in parts)
    return tuple(unicodedata.normalize("NFC", word).casefold() for word in plain)


def full_name(person: Person) -> Text:
    """``First Middle von Last, Jr.`` with every given name written out.

    The same text as pybtex's ``Person.rich_*_names`` give, made once per name
    (co-authors recur across entries).
    """
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
    return _full_name(tuple(parts), tuple(person.lineage_names))


@lru_cache(maxsize=DECODED_STRINGS)
def _full_name(parts: tuple[str, ...], lineage: tuple[str, ...]) -> Text:
    name = Text(" ").join([latex_text(part) for part in parts])
    if lineage:
        name = Text(name, ", ", Text(" ").join([latex_text(part) for part in lineage]))
    return name


@lru_cache(maxsize=64)
def owner_words(owner: str) -> tuple[str, ...]:
    """The owner's name as :func:`person_words` gives it (parsed once)."""
    return person_words(Person(owner))


def month_name(value: str) -> str:
    """``May`` for a month given as a name, an abbreviation or a number."""
    value = value.strip()
    if value.isdigit() and 1 <= int(value) <= 12:
        return MONTHS[int(value) - 1]
    for name in MONTHS:
        if value.casefold() in (name.casefold(), name[:3].casefold()):
            return name
    raise ValueError(f"'{value}' is not a month (use jan ... dec, a name or 1-12)")


class NumberLabelStyle(BaseLabelStyle):
    """Labels are the paper numbers of :mod:`.numbering`."""

    numbering: ClassVar[Numbering] = Numbering(())

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        for entry in sorted_entries:
            yield self.numbering.label(entry)


class NewestFirstSortingStyle(BaseSortingStyle):
    """Highest number first: the owner's list runs [18] down to [1]."""

    numbering: ClassVar[Numbering] = Numbering(())

    def sorting_key(self, entry: Entry) -> int:
        return -self.numbering.of(entry)

    def sort(self, entries: Iterable[Entry]) -> list[Entry]:
        return sorted(entries, key=self.sorting_key)


class FormattedCache(Protocol):
    """Where formatted entries are kept by ``(label, entry)`` (:mod:`.formatcache`)."""

    def get(self, key: tuple[str, Entry], /) -> FormattedEntry | None: ...

    def __setitem__(self, key: tuple[str, Entry], value: FormattedEntry, /) -> None: ...


class ResearchStyle(BaseStyle):
    """Formats entries of refs.bib as the owner lists them."""

    #: The owner's name, set from the ``research_site_owner`` config value.
    owner: ClassVar[str] = ""
    #: Formatted entries by label and entry content (:mod:`.formatcache`), or None.
    formatted: ClassVar[FormattedCache | None] = None
    default_label_style = NumberLabelStyle
    default_sorting_style = NewestFirstSortingStyle

    @classmethod
    def configured(
        cls,
        owner: str,
        numbering: Numbering,
        formatted: FormattedCache | None = None,
    ) -> type[ResearchStyle]:
        """A subclass bound to one site's owner, numbering and cache of formatted entries.

        sphinxcontrib-bibtex instantiates styles without arguments, so the
        site's settings travel on the class that is registered as the plugin.
        """
        labels = type("NumberLabelStyle", (NumberLabelStyle,), {"numbering": numbering})
        order = type(
            "NewestFirstSortingStyle", (NewestFirstSortingStyle,), {"numbering": numbering}
        )
        namespace = {
            "owner": owner,
            "default_label_style": labels,
            "default_sorting_style": order,
            "formatted": formatted,
        }
        return type(cls.__name__, (cls,), namespace)

    def is_owner(self, person: Person) -> bool:
        """Whether *person* is the site's owner (markers do not matter)."""
        return bool(self.owner) and person_words(person) == owner_words(self.owner)

    def format_entry(self, label: str, entry: Entry, bib_data: object = None) -> FormattedEntry:
        """The entry as the site shows it; looked up first in :attr:`formatted`."""
        if self.formatted is None:
            return self.format_uncached(label, entry)
        found = self.formatted.get((label, entry))
        if found is None:
            found = self.formatted[label, entry] = self.format_uncached(label, entry)
        return found

    def format_uncached(self, label: str, entry: Entry) -> FormattedEntry:
        """Format *entry* under *label*."""
        # parts are put in one Text (pybtex flattens and merges every Text it is given)
        parts: list[Tag | str] = [
            Tag(TITLE, field_text(entry.fields["title"]).add_period()),
            " ",
            Tag(AUTHORS, self.format_authors(entry), "."),
            " ",
            Tag(VENUE, self.format_venue(entry), "."),
        ]
        if "award" in entry.fields:
            parts += [" ", Tag(AWARD, field_text(entry.fields["award"]))]
        return FormattedEntry(entry.key, Text(*parts), label)

    def format_authors(self, entry: Entry) -> Text:
        """All authors, full names in order, owner bold, markers superscript."""
        parts: list[Text | Tag | str] = []
        authors: Sequence[Person] = entry.persons.get("author", [])
        for n, (person, marker) in enumerate(zip(authors, author_markers(entry), strict=True)):
            if n:
                parts.append(", ")
            name = full_name(person)
            parts.append(Tag("strong", Tag(OWNER, name)) if self.is_owner(person) else name)
            if marker:
                parts.append(Tag("sup", marker))
        return Text(*parts)

    def format_venue(self, entry: Entry) -> Text:
        """Venue (short form), status, page count and date, comma separated."""
        fields = entry.fields
        items: list[Text] = []
        venue = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
        if venue:
            short = fields.get("shortvenue")
            items.append(Text(field_text(venue), f" ({short})") if short else field_text(venue))
        pubstate = fields.get("pubstate", "").strip().lower()
        if pubstate:
            items.append(Text(PUBSTATE_TEXT.get(pubstate, pubstate.capitalize())))
        if "pagetotal" in fields:
            items.append(Text(f"1\u2013{fields['pagetotal']}"))
        date = fields["year"]
        if "month" in fields:
            date = f"{month_name(fields['month'])} {date}"
        items.append(Text(date))
        return Text(", ").join(items)
