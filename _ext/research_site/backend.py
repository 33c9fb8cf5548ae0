"""Docutils rendering of formatted entries, keeping the style's named parts.

pybtex-docutils drops tags it does not know; this backend turns the style's
``pub-*`` tags into ``inline`` nodes with that class, so HTML can lay an entry
out (title, authors, venue, award badge) and LaTeX can style it. The
bibliographies are filled with it by a subclass of sphinxcontrib-bibtex's
transform, so each entry is rendered once. For the HTML builder, :mod:`.entryhtml`
writes them instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import docutils.nodes
import pybtex_docutils
from pybtex.style import FormattedEntry
from sphinxcontrib.bibtex.transforms import BibliographyTransform

from .entryhtml import PendingEntryBackend, writes_entry_html
from .style import PART_PREFIX

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class EntryBackend(pybtex_docutils.Backend):
    """pybtex-docutils backend that keeps ``pub-*`` parts as classed inlines."""

    def format_tag(
        self, tag_name: str, text: list[docutils.nodes.Node]
    ) -> list[docutils.nodes.Node]:
        if tag_name.startswith(PART_PREFIX):
            return [docutils.nodes.inline("", "", *text, classes=[tag_name])]
        return super().format_tag(tag_name, text)


def entry_paragraph(entry: FormattedEntry) -> docutils.nodes.paragraph:
    """The paragraph of a formatted entry, its parts classed."""
    return EntryBackend().paragraph(entry)


class EntryBibliographyTransform(BibliographyTransform):
    """sphinxcontrib-bibtex's bibliography transform, rendering with :class:`EntryBackend`.

    It runs just before the stock transform, which then finds no bibliography left.
    """

    default_priority = BibliographyTransform.default_priority - 1
    backend: EntryBackend | PendingEntryBackend = EntryBackend()

    def run(self, **kwargs: object) -> None:
        # for the HTML builder, entries are written as HTML once resolved (entryhtml);
        # env._builder_cls is how Sphinx's own post-transforms tell the builder
        builder_name = self.env._builder_cls.name
        fast = writes_entry_html(builder_name, self.config)
        self.backend = PendingEntryBackend() if fast else EntryBackend()
        super().run(**kwargs)


def setup(app: Sphinx) -> None:
    """Register the transform."""
    app.add_post_transform(EntryBibliographyTransform)
