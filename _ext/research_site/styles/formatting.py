"""The site's pybtex style: ``Title. Author*†, Author. Venue (Short), 1–22, May 2025.
[Award]`` from the entry's facts, its parts in named tags; it never modifies an entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from weakref import WeakValueDictionary

import pybtex.style.names.plain
import pybtex.style.sorting.none
from pybtex.database import Entry
from pybtex.richtext import Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels import BaseLabelStyle

from ..bib.facts import EntryFacts
from ..bib.library import Identity, Library

#: The pybtex plugin name of the formatting style (``bibtex_default_style``).
STYLE_NAME = "research"

#: The prefix of the tag names of an entry's parts.
PART_PREFIX = "pub-"

#: Tag names of the parts of an entry.
TITLE, AUTHORS, OWNER, VENUE = "pub-title", "pub-authors", "pub-owner", "pub-venue"
AWARD = "pub-award"
#: Tag names of the authors a list may hide, of the "…" in their place, of "+N more".
MORE, ELIDED, MORE_COUNT = "pub-more", "pub-elided", "pub-more-count"


def authors_text(facts: EntryFacts, limit: int = 0) -> Text:
    """All authors, full names in order, the owner bold, markers superscript. Past *limit*
    authors, those after the first ``limit - 2`` but the owner are tagged :data:`MORE`
    (each run followed by an :data:`ELIDED` "…"), and :data:`MORE_COUNT` says how many:
    a list may show them on demand; every other output shows every name."""
    long = 0 < limit < len(facts.authors)
    hidden = set(range(max(limit - 2, 1), len(facts.authors))) if long else set()
    parts: list[Text | Tag | str] = []
    run: list[Text | Tag | str] = []
    for n, author in enumerate(facts.authors):
        name: list[Text | Tag | str] = [", "] if n else []
        name.append(Tag("strong", Tag(OWNER, author.name)) if author.is_owner else author.name)
        name += [Tag("sup", author.markers)] if author.markers else []
        if n in hidden and not author.is_owner:
            run += name
            continue
        if run:
            parts += [Tag(MORE, *run), Tag(ELIDED, ", \u2026")]
            run = []
        parts += name
    if run:
        parts += [Tag(MORE, *run), Tag(ELIDED, ", \u2026")]
    count = len(hidden - {n for n, a in enumerate(facts.authors) if a.is_owner})
    return Text(*parts, *([" ", Tag(MORE_COUNT, f"+{count} more")] if count else []))


def entry_text(facts: EntryFacts, limit: int = 0) -> Text:
    """The whole entry, each part tagged: the owner's paper as the owner lists it (title
    first, then authors, venue line, award); a work by others as references read
    (authors first)."""
    title, authors = (
        Tag(TITLE, facts.title.add_period()),
        Tag(AUTHORS, authors_text(facts, limit).add_period()),
    )
    parts: list[Tag | str] = [
        *((title, " ", authors) if facts.is_paper else (authors, " ", title)),
        " ",
        Tag(VENUE, facts.venue_line(), "."),
    ]
    if facts.award:
        parts += [" ", Tag(AWARD, facts.award)]
    return Text(*parts)


class IdentifiedEntry(FormattedEntry):
    """A formatted entry that carries what is known about it (:class:`.Identity`):
    the references, lists and LaTeX read its number or author-year label from here."""

    def __init__(self, identity: Identity, text: Text) -> None:
        super().__init__(identity.key, text, identity.label)
        self.identity = identity


#: Each build's library, found from any of its entries (pybtex and sphinxcontrib-bibtex
#: make styles without arguments). Keyed by the entry objects of one parsed refs.bib,
#: so two sites built in one process each find their own papers; held by the build's
#: domain (:mod:`..listings.domain`), which makes it on ``builder-inited``.
_LIBRARIES: WeakValueDictionary[int, Library] = WeakValueDictionary()


def bind(library: Library) -> Library:
    """Make the style format the entries of *library* (on making it)."""
    for entry in library.data.entries.values():
        _LIBRARIES[id(entry)] = library
    return library


def library_of(entry: Entry) -> Library:
    """The library *entry* belongs to (bound with :func:`bind`)."""
    library = _LIBRARIES.get(id(entry))
    if library is None or library.data.entries.get(entry.key) is not entry:
        raise LookupError(f"entry '{entry.key}' belongs to no library the style is bound to")
    return library


class LibraryLabelStyle(BaseLabelStyle):
    """Labels from the library: paper numbers, author and year for works by others."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        for entry in sorted_entries:
            yield library_of(entry).identity(entry.key).label


class ResearchStyle(BaseStyle):
    """Formats entries of refs.bib as the owner lists them."""

    default_label_style = LibraryLabelStyle
    # classes, not names: pybtex would look a name up among every installed package
    default_name_style = pybtex.style.names.plain.NameStyle
    default_sorting_style = pybtex.style.sorting.none.SortingStyle

    def format_entry(self, label: str, entry: Entry, bib_data: object = None) -> IdentifiedEntry:
        """The entry as the site shows it (kept by the library's cache, if it has one)."""
        library = library_of(entry)
        identity, cache = library.identity(entry.key), library.format_cache
        found = cache.get(identity.label, entry) if cache is not None else None
        if found is None:
            text = entry_text(library.facts(entry.key), library.author_limit)
            found = IdentifiedEntry(identity, text)
            if cache is not None:
                cache.put(identity.label, entry, found)
        return found


def citation_text(facts: EntryFacts) -> Text:
    """The entry as a reader cites it: authors (no markers), title, venue line."""
    authors = Text(", ").join([author.name for author in facts.authors])
    return Text(
        authors.add_period(), " ", facts.title.add_period(), " ", facts.venue_line().add_period()
    )
