"""Co-authors: the featured ones of ``data/coauthors.tsv``, and all of refs.bib.

The data file has a header row ``name<TAB>homepage<TAB>affiliation`` and one row
per co-author the owner features. The ``coauthors`` directive lists them with
their homepage links and affiliations. The ``coauthor-index`` directive lists
every co-author of refs.bib with the number of shared papers and their labels
(linking to the entries), most shared first, then by name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import docutils.nodes
from pybtex.database import Entry
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .listingrefs import listing_reference
from .publications import bib_entries
from .style import full_name, owner_words, person_words

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


def coauthors_path(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.research_site_coauthors)


def load_coauthors(app: Sphinx) -> None:
    """Read the data file once per build, reporting each bad row once, with its line."""
    path = coauthors_path(app)
    coauthors, problems = read_coauthors(path)
    for line, text in problems:
        logger.warning(
            text,
            location=f"{path}:{line}" if line else str(path),
            type="research_site",
            subtype="coauthors",
        )
    app.env.research_site_coauthors = coauthors  # type: ignore[attr-defined]


def featured(directive: SphinxDirective) -> list[Coauthor]:
    """The featured co-authors (read on builder-inited), noting the file as a dependency."""
    directive.env.note_dependency(
        str(Path(directive.env.srcdir, directive.config.research_site_coauthors))
    )
    return list(getattr(directive.env, "research_site_coauthors", []))


@dataclass
class SharedPapers:
    """A co-author of refs.bib and the keys of the papers shared with the owner."""

    name: str
    sort_name: tuple[str, ...]
    keys: list[str]


def shared_papers(entries: Iterable[Entry], owner: str) -> list[SharedPapers]:
    """Every co-author (the owner left out), most shared papers first, then by name.

    Names are matched as words, case-folded, so one person written the same
    way in several entries is counted once.
    """
    owner_name = owner_words(owner) if owner else ()
    found: dict[tuple[str, ...], SharedPapers] = {}
    for entry in entries:
        for person in entry.persons.get("author", []):
            words = person_words(person)
            if words == owner_name:
                continue
            if words not in found:
                sort_name = tuple(w.casefold() for w in person.last_names + person.first_names)
                found[words] = SharedPapers(str(full_name(person)), sort_name, [])
            if entry.key not in found[words].keys:
                found[words].keys.append(entry.key)
    return sorted(found.values(), key=lambda c: (-len(c.keys), c.sort_name))


class CoauthorsDirective(SphinxDirective):
    """The featured co-authors: homepage link and affiliation."""

    has_content = False

    def run(self) -> list[docutils.nodes.Node]:
        items = docutils.nodes.bullet_list(classes=["coauthors"])
        for person in featured(self):
            para = docutils.nodes.paragraph()
            if person.homepage:
                para += docutils.nodes.reference(person.name, person.name, refuri=person.homepage)
            else:
                para += docutils.nodes.Text(person.name)
            if person.affiliation:
                para += docutils.nodes.Text(f" \u2014 {person.affiliation}")
            items += docutils.nodes.list_item("", para)
        return [items]


class CoauthorIndexDirective(SphinxDirective):
    """Every co-author in refs.bib with the count and labels of shared papers."""

    has_content = False

    def run(self) -> list[docutils.nodes.Node]:
        _, entries = bib_entries(self)
        homepages = {c.name: c.homepage for c in featured(self) if c.homepage}
        items = docutils.nodes.bullet_list(classes=["coauthor-index"])
        for coauthor in shared_papers(entries, self.config.research_site_owner):
            para = docutils.nodes.paragraph()
            if coauthor.name in homepages:
                para += docutils.nodes.reference(
                    coauthor.name, coauthor.name, refuri=homepages[coauthor.name]
                )
            else:
                para += docutils.nodes.strong(coauthor.name, coauthor.name)
            count = len(coauthor.keys)
            para += docutils.nodes.Text(f" \u2014 {count} paper{'s' if count > 1 else ''} ")
            para += listing_reference(coauthor.keys)
            items += docutils.nodes.list_item("", para)
        return [items]


def setup(app: Sphinx) -> None:
    """Register the config value and the directives."""
    app.add_config_value("research_site_coauthors", "data/coauthors.tsv", "env", types=[str])
    app.connect("builder-inited", load_coauthors)
    app.add_directive("coauthors", CoauthorsDirective)
    app.add_directive("coauthor-index", CoauthorIndexDirective)
