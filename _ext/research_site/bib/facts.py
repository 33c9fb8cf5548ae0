"""Every fact the site shows about one entry, computed in one place (:func:`entry_facts`);
an unreadable field raises :class:`EntryError` with every problem and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from pybtex.database import Entry, Person
from pybtex.richtext import Tag, Text

from .annotations import ANNOTATION_FIELD, AnnotationError, markers
from .dates import DateError, PublicationDate, publication_date
from .links import Link, arxiv_id, doi, entry_links
from .names import OTHERS, OwnerName, full_name, is_others
from .texts import UNBROKEN_TAG, field_text, plain
from .venues import Venue, entry_venue

#: The field that puts a paper on the home page.
SELECTED_FIELD = "selected"

#: The field that decides whether an entry is the owner's paper: ``yes``, ``no``, or
#: the owner's position among the authors (a homonym, or a name written otherwise).
OWNER_FIELD = "ownpaper"

#: Fields that only the owner's papers use.
PAPER_FIELDS = (SELECTED_FIELD, ANNOTATION_FIELD)


class EntryError(ValueError):
    """An entry whose fields cannot be shown; ``problems`` says what to fix."""

    def __init__(self, key: str, problems: list[str]) -> None:
        super().__init__(f"entry '{key}': " + "; ".join(problems))
        self.key = key
        self.problems = problems


# LaTeX is decoded on first use (cached_property): checking an entry needs none of it.


@dataclass(frozen=True, eq=False)
class Author:
    """One author as shown: the full name, its markers, whether it is the owner."""

    person: Person
    markers: str
    is_owner: bool

    @property
    def is_others(self) -> bool:
        """``and others``: shown as "et al.", never a co-author or a metadata author."""
        return is_others(self.person)

    @cached_property
    def name(self) -> Text:
        return Text(OTHERS) if self.is_others else full_name(self.person)

    @property
    def plain(self) -> str:
        return plain(self.name)


@dataclass(frozen=True, eq=False)
class EntryFacts:
    """What the site shows about one entry."""

    key: str
    type: str
    title_source: str
    authors: tuple[Author, ...]
    venue: Venue
    date: PublicationDate
    pages: str | None  # "1–22", from pagetotal
    award_source: str | None
    abstract_source: str | None
    links: tuple[Link, ...]
    arxiv_id: str | None
    doi: str | None
    selected: bool

    @property
    def is_paper(self) -> bool:
        """Whether the entry is the owner's paper (else a work the prose cites)."""
        return any(author.is_owner for author in self.authors)

    @property
    def named_authors(self) -> list[Author]:
        """The authors with a name (``others`` left out)."""
        return [author for author in self.authors if not author.is_others]

    @cached_property
    def title(self) -> Text:
        return field_text(self.title_source)

    @cached_property
    def award(self) -> Text | None:
        return field_text(self.award_source) if self.award_source else None

    @cached_property
    def abstract(self) -> Text | None:
        return field_text(self.abstract_source) if self.abstract_source else None

    @cached_property
    def title_plain(self) -> str:
        return plain(self.title)

    @cached_property
    def venue_plain(self) -> str:
        return plain(self.venue.name) if self.venue.name else ""

    def venue_line(self) -> Text:
        return self._venue_line

    @cached_property
    def _venue_line(self) -> Text:
        """``Venue (Short), vol. 2, pp. 1–9, Status, 1–22, May 2025``: the parts that exist.

        The date is left out when the venue's name already ends with its year
        and the entry gives no month (DBLP's ``..., July 13-19, 2025``).
        """
        items = [Text(item) for item in self.venue.items()]
        if self.pages:
            items.append(Text(Tag(UNBROKEN_TAG, self.pages)))
        if not (self.date.month is None and self.venue.ends_with_year(self.date.year)):
            items.append(Text(self.date.text()))
        return Text(", ").join(items)


def owner_positions(people: Sequence[Person], owner: OwnerName, decision: str) -> set[int]:
    """Which authors are the owner: by name, or as ``ownpaper`` decides (raises ValueError)."""
    by_name = {n for n, person in enumerate(people) if owner.matches(person)}
    choice = decision.strip().lower()
    if not choice:
        return by_name
    if choice in ("no", "false"):
        return set()
    if choice in ("yes", "true"):
        if not by_name:
            raise ValueError(
                f"{OWNER_FIELD} = {{{decision}}} but no author is written as the owner "
                f"({owner.name}): add the form used here to research_site_owner_aliases in "
                f"conf.py, or write {OWNER_FIELD} = {{N}}, N the owner's position among the authors"
            )
        return by_name
    if choice.isdigit() and 1 <= int(choice) <= len(people):
        return {int(choice) - 1}
    raise ValueError(
        f"{OWNER_FIELD} = {{{decision}}}: write yes, no, or the owner's position among the "
        f"{len(people)} author(s)"
    )


def entry_authors(entry: Entry, owner: OwnerName) -> tuple[Author, ...]:
    """The authors in order, with markers and the owner (raises ValueError)."""
    people = entry.persons.get("author", [])
    symbols = markers(entry.fields.get(ANNOTATION_FIELD, ""), len(people))
    owners = owner_positions(people, owner, entry.fields.get(OWNER_FIELD, ""))
    return tuple(
        Author(person, marker, n in owners)
        for n, (person, marker) in enumerate(zip(people, symbols, strict=True))
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
    except ValueError as exc:
        problems.append(str(exc))
    date = PublicationDate(0, None)
    try:
        date = publication_date(fields)
    except DateError as exc:
        problems.append(str(exc))
    used = [name for name in PAPER_FIELDS if name in fields]
    if authors and used and not any(author.is_owner for author in authors):
        problems.append(
            f"has {' and '.join(used)}, which only the owner's papers use, but no author is "
            f"the owner ({owner.name}): if it is the owner's paper, add the name as written "
            f"here to research_site_owner_aliases in conf.py or set {OWNER_FIELD} = {{N}}; "
            "otherwise remove the field"
        )
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
        abstract_source=fields.get("abstract"),
        links=entry_links(fields),
        arxiv_id=arxiv_id(fields),
        doi=doi(fields),
        selected=fields.get(SELECTED_FIELD, "").strip().lower() in ("true", "yes"),
    )
