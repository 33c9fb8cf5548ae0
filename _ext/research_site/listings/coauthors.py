"""Co-authors: ``coauthors`` lists the featured ones of ``data/coauthors.tsv`` (name,
homepage, affiliation); ``coauthor-index`` every co-author of the owner's papers, most shared first.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import docutils.nodes
from sphinx.util.docutils import SphinxDirective

from ..bib.library import Library
from ..bib.names import fold, name_key, surname
from ..log import warn
from .publications import ListingDirective
from .references import numbers_reference

if TYPE_CHECKING:
    from sphinx.application import Sphinx

COLUMNS = ("name", "homepage", "affiliation")


@dataclass(frozen=True)
class Coauthor:
    """One featured co-author."""

    name: str
    homepage: str
    affiliation: str


def read_coauthors(path: Path) -> tuple[list[Coauthor], list[tuple[int, str]]]:
    """The co-authors of *path*, and its problems as ``(line, what to fix)``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return [], [(0, f"cannot read the co-authors file ({exc.strerror})")]
    rows = list(csv.reader(text.splitlines(), delimiter="\t"))
    if not rows or tuple(rows[0]) != COLUMNS:
        return [], [(1, f"the header must be the tab-separated columns {', '.join(COLUMNS)}")]
    coauthors, problems = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS) or not row[0].strip():
            problems.append(
                (
                    line,
                    f"expected {len(COLUMNS)} tab-separated columns ({', '.join(COLUMNS)}), "
                    f"found {len(row)}: {row!r}; separate the columns with one tab each",
                )
            )
        elif row[1].strip() and not row[1].startswith(("https://", "http://")):
            problems.append((line, f"homepage {row[1]!r} is not an http(s) URL"))
        else:
            coauthors.append(Coauthor(*(cell.strip() for cell in row)))
    return coauthors, problems


def coauthors_file(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.research_site_coauthors)


def check_coauthors(app: Sphinx) -> None:
    """Report each bad row of the data file once per build, with its line.

    A missing file is reported by the ``coauthors`` directive, which needs it.
    """
    path = coauthors_file(app)
    if not path.is_file():
        return
    for line, text in read_coauthors(path)[1]:
        location = f"{path}:{line}" if line else str(path)
        warn(text, location, "coauthors")


@dataclass
class SharedPapers:
    """A co-author of the owner's papers and the keys of the papers they share."""

    name: str
    sort_name: tuple[str, ...]
    keys: list[str] = field(default_factory=list)


def shared_papers(library: Library) -> list[SharedPapers]:
    """Every co-author (the owner left out), most shared papers first, then by name.

    Names are compared as words, case and accents aside, without DBLP's numbers,
    so one person written so in several entries is counted once; ``others`` is no one.
    """
    found: dict[tuple[str, ...], SharedPapers] = {}
    for key in library.papers:
        for author in library.facts(key).named_authors:
            if author.is_owner:
                continue
            words = name_key(author.person)
            if words not in found:
                sort_name = (fold(surname(author.person)), *words)
                found[words] = SharedPapers(author.plain, sort_name)
            if key not in found[words].keys:
                found[words].keys.append(key)
    for words, coauthor in list(found.items()):
        same = [
            other
            for other in found.values()
            if other is not coauthor and initials_of(other, coauthor)
        ]
        if len(same) == 1:  # "M. Rossi" (IEEE, Crossref) is the one "Marco Rossi"
            same[0].keys += [key for key in coauthor.keys if key not in same[0].keys]
            del found[words]
    return sorted(found.values(), key=lambda c: (-len(c.keys), c.sort_name))


def initials_of(full: SharedPapers, short: SharedPapers) -> bool:
    """Whether *short* is *full* written with initials (``M. Rossi``, ``Marco Rossi``)."""
    (surname, *given), (full_surname, *full_given) = short.sort_name, full.sort_name
    initials = given[: len(given) - len(surname.split())]
    names = full_given[: len(full_given) - len(full_surname.split())]
    return (
        surname == full_surname
        and all(len(word) == 1 for word in initials)
        and any(len(word) > 1 for word in names)
        and initials == [word[0] for word in names][: len(initials)]
    )


class FeaturedDirective(SphinxDirective):
    """A directive that shows the featured co-authors' data."""

    def featured(self) -> list[Coauthor]:
        path = Path(self.env.srcdir, self.config.research_site_coauthors)
        self.env.note_dependency(str(path))
        return read_coauthors(path)[0] if path.is_file() else []


class CoauthorsDirective(FeaturedDirective):
    """The featured co-authors: homepage link and affiliation."""

    has_content = False

    def run(self) -> list[docutils.nodes.Node]:
        path = Path(self.env.srcdir, self.config.research_site_coauthors)
        if not path.is_file():
            message = f"no co-authors file {path}: write one (name, homepage, affiliation,"
            where = self.get_location()
            warn(
                f"{message} tab-separated) or set research_site_coauthors in conf.py",
                where,
                "coauthors",
            )
        items = docutils.nodes.bullet_list(classes=["coauthors"])
        for person in self.featured():
            para = docutils.nodes.paragraph()
            if person.homepage:
                para += docutils.nodes.reference(person.name, person.name, refuri=person.homepage)
            else:
                para += docutils.nodes.Text(person.name)
            if person.affiliation:
                para += docutils.nodes.Text(f" \u2014 {person.affiliation}")
            items += docutils.nodes.list_item("", para)
        return [items] if items.children else []  # LaTeX refuses an empty list


class CoauthorIndexDirective(FeaturedDirective, ListingDirective):
    """Every co-author in refs.bib with the count and labels of shared papers."""

    def run(self) -> list[docutils.nodes.Node]:
        homepages = {c.name: c.homepage for c in self.featured() if c.homepage}
        items = docutils.nodes.bullet_list(classes=["coauthor-index"])
        for coauthor in shared_papers(self.library()):
            para = docutils.nodes.paragraph()
            if coauthor.name in homepages:
                para += docutils.nodes.reference(
                    coauthor.name, coauthor.name, refuri=homepages[coauthor.name]
                )
            else:
                para += docutils.nodes.strong(coauthor.name, coauthor.name)
            count = len(coauthor.keys)
            para += docutils.nodes.Text(f" \u2014 {count} paper{'s' if count > 1 else ''} ")
            para += numbers_reference(coauthor.keys)
            items += docutils.nodes.list_item("", para)
        return [items] if items.children else []
