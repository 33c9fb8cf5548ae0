"""Every fact the site shows about one entry, computed in one place.

The list, the paper pages, their metadata, the PDF and the EPUB all read an
entry through :func:`entry_facts`: its title (rich and plain), its authors with
their markers and whether each is the owner, its venue line, date, award and
links. A field that cannot be read raises :class:`EntryError` with every
problem found and what to do; the checks report them with refs.bib's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pybtex.database import Entry, Person
from pybtex.richtext import Text

from .annotations import ANNOTATION_FIELD, AnnotationError, markers
from .dates import DateError, PublicationDate, publication_date
from .links import Link, arxiv_id, entry_links
from .names import OwnerName, full_name
from .texts import field_text, plain

#: ``pubstate`` values (biblatex) and how the venue line shows them.
PUBSTATE_TEXT = {
    "submitted": "Under review",
    "inpress": "In press",
    "forthcoming": "Forthcoming",
    "inpreparation": "In preparation",
    "prepublished": "Preprint",
}

#: The field that puts a paper on the home page.
SELECTED_FIELD = "selected"


class EntryError(ValueError):
    """An entry whose fields cannot be shown; ``problems`` says what to fix."""

    def __init__(self, key: str, problems: list[str]) -> None:
        super().__init__(f"entry '{key}': " + "; ".join(problems))
        self.key = key
        self.problems = problems


def rich(value: str | None) -> Text | None:
    """A field's rich text, None for a missing field."""
    return field_text(value) if value is not None else None


# LaTeX is decoded on first use (cached_property): checking an entry needs none of it.


@dataclass(frozen=True, eq=False)
class Author:
    """One author as shown: the full name, its markers, whether it is the owner."""

    person: Person
    markers: str
    is_owner: bool

    @cached_property
    def name(self) -> Text:
        return full_name(self.person)

    @property
    def plain(self) -> str:
        return plain(self.name)


@dataclass(frozen=True, eq=False)
class Venue:
    """Where an entry appeared, and its state when it has not yet."""

    source: str | None  # booktitle, journal or howpublished, as written in refs.bib
    short: str | None  # the site's ``shortvenue``
    kind: str  # "conference", "journal" or "other": which Highwire tag names it
    status: str | None  # e.g. "Under review"

    @cached_property
    def name(self) -> Text | None:
        return rich(self.source)


@dataclass(frozen=True, eq=False)
class EntryFacts:
    """What the site shows about one entry."""

    key: str
    type: str
    title_source: str
    authors: tuple[Author, ...]
    venue: Venue
    date: PublicationDate
    pages: str | None  # "1–22"
    award_source: str | None
    links: tuple[Link, ...]
    arxiv_id: str | None
    selected: bool

    @cached_property
    def title(self) -> Text:
        return field_text(self.title_source)

    @cached_property
    def award(self) -> Text | None:
        return rich(self.award_source)

    @property
    def title_plain(self) -> str:
        return plain(self.title)

    @property
    def venue_plain(self) -> str:
        return plain(self.venue.name) if self.venue.name else ""

    def venue_line(self) -> Text:
        """``Venue (Short), Status, 1–22, May 2025``: the parts that exist, comma separated."""
        items: list[Text] = []
        if self.venue.name:
            short = f" ({self.venue.short})" if self.venue.short else ""
            items.append(Text(self.venue.name, short))
        if self.venue.status:
            items.append(Text(self.venue.status))
        if self.pages:
            items.append(Text(self.pages))
        items.append(Text(self.date.text()))
        return Text(", ").join(items)


def entry_venue(entry: Entry) -> Venue:
    """The venue of *entry*: its container's name, short form, kind and status."""
    fields = entry.fields
    name = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
    kind = (
        "conference"
        if "booktitle" in fields
        else "journal"
        if entry.type.lower() == "article" and "journal" in fields
        else "other"
    )
    pubstate = fields.get("pubstate", "").strip().lower()
    status = PUBSTATE_TEXT.get(pubstate, pubstate.capitalize()) if pubstate else None
    return Venue(name, fields.get("shortvenue"), kind, status)


def entry_authors(entry: Entry, owner: OwnerName) -> tuple[Author, ...]:
    """The authors in order, with their markers (raises :class:`AnnotationError`)."""
    people = entry.persons.get("author", [])
    symbols = markers(entry.fields.get(ANNOTATION_FIELD, ""), len(people))
    return tuple(
        Author(person, marker, owner.matches(person))
        for person, marker in zip(people, symbols, strict=True)
    )


def entry_facts(entry: Entry, owner: OwnerName) -> EntryFacts:
    """The facts of *entry*; raises :class:`EntryError` listing what cannot be read."""
    fields = entry.fields
    problems = [] if fields.get("title", "").strip() else ["no title: add title = {...}"]
    if not entry.persons.get("author"):
        problems.append("no author: add author = {First Last and ...}")
    authors: tuple[Author, ...] = ()
    try:
        authors = entry_authors(entry, owner)
    except AnnotationError as exc:
        problems.append(f"{ANNOTATION_FIELD}: {exc}")
    date = PublicationDate(0, None)
    try:
        date = publication_date(fields)
    except DateError as exc:
        problems.append(str(exc))
    if problems:
        raise EntryError(entry.key, problems)
    return EntryFacts(
        key=entry.key,
        type=entry.type.lower(),
        title_source=fields["title"],
        authors=authors,
        venue=entry_venue(entry),
        date=date,
        pages=f"1\u2013{fields['pagetotal']}" if "pagetotal" in fields else None,
        award_source=fields.get("award"),
        links=entry_links(fields),
        arxiv_id=arxiv_id(fields),
        selected=fields.get(SELECTED_FIELD, "").strip().lower() == "true",
    )
