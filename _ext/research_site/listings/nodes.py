"""The site's docutils nodes: a disclosure (``<details>``), a pending entry, title math,
a citation with previews and the page's store of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import docutils.nodes
from docutils.utils.math.latex2mathml import tex2mathml

from ..outputs import MATHML, PREVIEWS, gets

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


class disclosure(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801 (docutils style)
    """Children shown under a ``summary`` line when the reader opens it (an entry's BibTeX).

    Outputs without an interactive view (LaTeX, text, man) leave it out: a
    printed page has no use for a hidden block.
    """


class cited(docutils.nodes.Inline, docutils.nodes.Element):  # noqa: N801
    """A citation and the ids of its entries' previews (``previews``, space-separated)."""


def visit_cited_html(self: HTML5Translator, node: cited) -> None:
    previews = {"data-previews": node["previews"]} if gets(self.builder, PREVIEWS) else {}
    self.body.append(self.starttag(node, "span", "", CLASS="pub-cite", **previews))


def depart_cited_html(self: HTML5Translator, node: cited) -> None:
    self.body.append("</span>")


class preview_store(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """A page's previews of the entries it cites, hidden until the site's script shows one.

    Out of the search index (``no-search``): the entries are on the lists.
    """


def visit_preview_store_html(self: HTML5Translator, node: preview_store) -> None:
    self.body.append(self.starttag(node, "div", CLASS="pub-previews no-search", hidden="hidden"))


def depart_preview_store_html(self: HTML5Translator, node: preview_store) -> None:
    self.body.append("</div>\n")


def visit_disclosure_html(self: HTML5Translator, node: disclosure) -> None:
    self.body.append(
        self.starttag(node, "details", **({"open": "open"} if node.get("open") else {}))
    )
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>\n")


def depart_disclosure_html(self: HTML5Translator, node: disclosure) -> None:
    self.body.append("</details>\n")


def skip_node(self: object, node: docutils.nodes.Node) -> None:
    raise docutils.nodes.SkipNode


def pass_node(self: object, node: docutils.nodes.Node) -> None:
    """Write the node's children (its text) as they are."""


class pending_entry(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """Where an entry of refs.bib (``key``) goes once its citation is formatted.

    Placed by the listing directives when the page is read; replaced by
    :class:`.entries.FillEntries` when it is written. ``labelled`` entries
    start with their label linking to the publication list (selected papers);
    a work by others is in the references of the page ``references_of``.
    """


class title_math(docutils.nodes.Inline, docutils.nodes.TextElement):  # noqa: N801
    """``$...$`` math of a field (``latex``), its text readable (``O(1/√T)``).

    HTML pages show it as MathML (no script, no CDN), the PDF as LaTeX math;
    the EPUB, plain outputs and the search index read its readable text.
    """


def visit_title_math_html(self: HTML5Translator, node: title_math) -> None:
    if not gets(self.builder, MATHML):
        self.body.append(self.encode(node.astext()))
    else:
        self.body.append(tex2mathml(node["latex"]).replace("\n", "").replace("  ", ""))
    raise docutils.nodes.SkipNode


def visit_title_math_latex(self: LaTeXTranslator, node: title_math) -> None:
    self.body.append(f"\\({node['latex']}\\)")
    raise docutils.nodes.SkipNode
