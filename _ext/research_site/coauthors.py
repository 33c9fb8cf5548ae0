"""Co-authors from the data file ``data/coauthors.tsv``.

The file has a header row ``name<TAB>homepage<TAB>affiliation`` and one row per
co-author the owner features. The ``coauthors`` directive lists them with their
homepage links and affiliations.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import docutils.nodes
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

COLUMNS = ("name", "homepage", "affiliation")


@dataclass(frozen=True)
class Coauthor:
    """One featured co-author."""

    name: str
    homepage: str
    affiliation: str


class CoauthorsFileError(ConfigError):
    """A malformed co-authors data file."""


def read_coauthors(path: Path) -> list[Coauthor]:
    """Read *path*; raise :class:`CoauthorsFileError` naming the bad line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CoauthorsFileError(f"{path}: cannot read the co-authors file ({exc.strerror})")
    rows = list(csv.reader(text.splitlines(), delimiter="\t"))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise CoauthorsFileError(
            f"{path}:1: the header must be the tab-separated columns {', '.join(COLUMNS)}"
        )
    coauthors = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS) or not row[0].strip():
            raise CoauthorsFileError(
                f"{path}:{line}: expected {len(COLUMNS)} tab-separated columns "
                f"({', '.join(COLUMNS)}), found {len(row)}: {row!r}"
            )
        if row[1].strip() and not row[1].startswith(("https://", "http://")):
            raise CoauthorsFileError(f"{path}:{line}: homepage {row[1]!r} is not an http(s) URL")
        coauthors.append(Coauthor(*(cell.strip() for cell in row)))
    return coauthors


class CoauthorsDirective(SphinxDirective):
    """The featured co-authors: homepage link and affiliation."""

    has_content = False

    def run(self) -> list[docutils.nodes.Node]:
        path = Path(self.env.srcdir, self.config.research_site_coauthors)
        self.env.note_dependency(str(path))
        items = docutils.nodes.bullet_list(classes=["coauthors"])
        for person in read_coauthors(path):
            para = docutils.nodes.paragraph()
            if person.homepage:
                para += docutils.nodes.reference(person.name, person.name, refuri=person.homepage)
            else:
                para += docutils.nodes.Text(person.name)
            if person.affiliation:
                para += docutils.nodes.Text(f" \u2014 {person.affiliation}")
            items += docutils.nodes.list_item("", para)
        return [items]


def setup(app: Sphinx) -> None:
    """Register the config value and the directive."""
    app.add_config_value("research_site_coauthors", "data/coauthors.tsv", "env", types=[str])
    app.add_directive("coauthors", CoauthorsDirective)
