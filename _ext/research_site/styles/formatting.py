"""The pybtex formatting style of the site: one rendering of an entry everywhere.

An entry reads like the owner's own list::

    Title. Author*†, Author*, Author. Venue (Short), 1–22, May 2025. [Award]

Everything shown comes from the entry's facts (:mod:`..bib.facts`): the owner's
name in bold, the markers, the venue line. Labels are paper numbers, or author
and year for works by others (:mod:`..bib.library`). The parts of an entry are wrapped in named tags
(``pub-title``, ``pub-authors``, ...) that the site's docutils backend turns into
classed nodes (:mod:`..listings.entries`); other backends render their text.

The style never modifies the entries it formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

import pybtex.style.names.plain
import pybtex.style.sorting.none
from pybtex.database import Entry
from pybtex.richtext import Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels import BaseLabelStyle

from ..bib.facts import EntryFacts
from ..bib.library import Library

#: The pybtex plugin name of the formatting style (``bibtex_default_style``).
STYLE_NAME = "research"

#: The prefix of the tag names of an entry's parts.
PART_PREFIX = "pub-"

#: Tag names of the parts of an entry.
TITLE, AUTHORS, OWNER, VENUE, AWARD = (
    "pub-title",
    "pub-authors",
    "pub-owner",
    "pub-venue",
    "pub-award",
)


def authors_text(facts: EntryFacts) -> Text:
    """All authors, full names in order, the owner bold, markers superscript."""
    parts: list[Text | Tag | str] = []
    for n, author in enumerate(facts.authors):
        if n:
            parts.append(", ")
        parts.append(Tag("strong", Tag(OWNER, author.name)) if author.is_owner else author.name)
        if author.markers:
            parts.append(Tag("sup", author.markers))
    return Text(*parts)


def entry_text(facts: EntryFacts) -> Text:
    """The whole entry, each part tagged: the owner's paper as the owner lists it (title
    first, then authors, venue line, award); a work by others as references read
    (authors first)."""
    title, authors = (
        Tag(TITLE, facts.title.add_period()),
        Tag(AUTHORS, authors_text(facts).add_period()),
    )
    parts: list[Tag | str] = [
        *((title, " ", authors) if facts.is_paper else (authors, " ", title)),
        " ",
        Tag(VENUE, facts.venue_line(), "."),
    ]
    if facts.award:
        parts += [" ", Tag(AWARD, facts.award)]
    return Text(*parts)


class LibraryLabelStyle(BaseLabelStyle):
    """Labels from the library: paper numbers, author and year for works by others."""

    library: ClassVar[Library | None] = None

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        assert self.library is not None, "the style is bound to a library on builder-inited"
        for entry in sorted_entries:
            yield self.library.label(entry.key)


class ResearchStyle(BaseStyle):
    """Formats entries of refs.bib as the owner lists them."""

    #: The entries and their facts (bound by :meth:`bound`).
    library: ClassVar[Library | None] = None
    default_label_style = LibraryLabelStyle
    # classes, not names: pybtex would look a name up among every installed package
    default_name_style = pybtex.style.names.plain.NameStyle
    default_sorting_style = pybtex.style.sorting.none.SortingStyle

    @classmethod
    def bound(cls, library: Library) -> type[ResearchStyle]:
        """A subclass that formats the entries of *library*.

        sphinxcontrib-bibtex instantiates styles without arguments, so the
        build's library travels on the class registered as the plugin.
        """
        labels = type(LibraryLabelStyle.__name__, (LibraryLabelStyle,), {"library": library})
        namespace = {"library": library, "default_label_style": labels}
        return type(cls.__name__, (cls,), namespace)

    def format_entry(self, label: str, entry: Entry, bib_data: object = None) -> FormattedEntry:
        """The entry as the site shows it, under *label*."""
        assert self.library is not None, "the style is bound to a library on builder-inited"
        return FormattedEntry(entry.key, entry_text(self.library.facts(entry.key)), label)


def citation_text(facts: EntryFacts) -> Text:
    """The entry as a reader cites it: authors (no markers), title, venue line."""
    authors = Text(", ").join([author.name for author in facts.authors])
    return Text(
        authors.add_period(), " ", facts.title.add_period(), " ", facts.venue_line().add_period()
    )
