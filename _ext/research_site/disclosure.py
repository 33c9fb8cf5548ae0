"""A disclosure node: content shown on demand (HTML ``<details>``).

Used for an entry's BibTeX record. Builders without an interactive view (LaTeX,
text, man) leave it out: a printed page has no use for a hidden block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import docutils.nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class disclosure(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801 (docutils style)
    """Children shown under a ``summary`` line when the reader opens it."""


def visit_disclosure_html(self: HTML5Translator, node: disclosure) -> None:
    classes = " ".join(node["classes"])
    summary = self.encode(node["summary"])
    self.body.append(f'<details class="{classes}"><summary>{summary}</summary>\n')


def depart_disclosure_html(self: HTML5Translator, node: disclosure) -> None:
    self.body.append("</details>\n")


def skip(self: object, node: docutils.nodes.Node) -> None:
    raise docutils.nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the node with its visitors."""
    app.add_node(
        disclosure,
        html=(visit_disclosure_html, depart_disclosure_html),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
