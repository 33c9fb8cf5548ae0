"""The site's two docutils nodes: a disclosure (``<details>``) and a pending entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

import docutils.nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class disclosure(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801 (docutils style)
    """Children shown under a ``summary`` line when the reader opens it (an entry's BibTeX).

    Outputs without an interactive view (LaTeX, text, man) leave it out: a
    printed page has no use for a hidden block.
    """


def visit_disclosure_html(self: HTML5Translator, node: disclosure) -> None:
    self.body.append(self.starttag(node, "details"))
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>\n")


def depart_disclosure_html(self: HTML5Translator, node: disclosure) -> None:
    self.body.append("</details>\n")


def skip_node(self: object, node: docutils.nodes.Node) -> None:
    raise docutils.nodes.SkipNode


class pending_entry(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """Where an entry of refs.bib (``key``) goes once its citation is formatted.

    Placed by the listing directives when the page is read; replaced by
    :class:`.entries.FillEntries` when it is written. ``labelled`` entries
    start with their label linking to the publication list (selected papers).
    """
