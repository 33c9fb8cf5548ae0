"""Co-authors: the featured ones of ``data/coauthors.tsv``, and every co-author of refs.bib.

The data file has a header row ``name<TAB>homepage<TAB>affiliation`` and one row
per co-author the owner features. ``coauthors`` lists them with their homepage
links and affiliations. ``coauthor-index`` lists every co-author of the owner's
papers with the number of shared papers and their labels (linking to the
entries), most shared first, then by name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import docutils.nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..bib.library import Library
from ..bib.names import full_name, name_key
from ..bib.texts import plain
from .publications import ListingDirective
from .references import numbers_reference

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

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
        logger.warning(text, location=location, type="research_site", subtype="coauthors")


@dataclass
class SharedPapers:
    """A co-author of the owner's papers and the keys of the papers they share."""

    name: str
    sort_name: tuple[str, ...]
    keys: list[str] = field(default_factory=list)


def shared_papers(library: Library) -> list[SharedPapers]:
    """Every co-author (the owner left out), most shared papers first, then by name.

    Names are compared as words, case-folded, so one person written the same
    way in several entries is counted once.
    """
    found: dict[tuple[str, ...], SharedPapers] = {}
    for key in library.papers:
        for person in library.entry(key).persons.get("author", []):
            if library.owner.matches(person):
                continue
            words = name_key(person)
            if words not in found:
                sort_name = tuple(w.casefold() for w in person.last_names + person.first_names)
                found[words] = SharedPapers(plain(full_name(person)), sort_name)
            if key not in found[words].keys:
                found[words].keys.append(key)
    return sorted(found.values(), key=lambda c: (-len(c.keys), c.sort_name))


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
            logger.warning(
                f"no co-authors file {path}: write one (name, homepage, affiliation, "
                "tab-separated) or set research_site_coauthors in conf.py",
                location=self.get_location(),
                type="research_site",
                subtype="coauthors",
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
        return [items]


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
        return [items]
