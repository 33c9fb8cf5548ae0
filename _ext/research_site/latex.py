"""LaTeX: keep each bibliography where it stands (under its year heading).

Sphinx's LaTeX ``BibliographyTransform`` (priority 750) moves every citation of
the document into one list at the end, which empties the year sections
(sphinxcontrib-bibtex #156, #367, #378; sphinx #5893). This post-transform runs
before it (700), for LaTeX only, and turns each list of citations into an
in-place bibliography of items that are no longer ``citation`` nodes, so Sphinx
leaves them where they are. The items are written as ``\\bibitem`` in a list
environment of ``texinputs/research-site.sty`` (thebibliography without its
chapter heading), each with a hyperref label, so citations in the research
chapters link to them. The package also styles an entry's parts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils.nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.latex import LaTeXTranslator

PACKAGE = Path(__file__).parent / "texinputs" / "research-site.sty"

#: Sphinx's limit on the label width it reserves in a bibliography.
MAX_LABEL_WIDTH = 8


class inplace_bibliography(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """A bibliography list written where it stands."""


class inplace_bibitem(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """One entry of an :class:`inplace_bibliography` (attributes of the citation)."""


class InPlaceBibliographyTransform(SphinxPostTransform):
    """Turn each group of citations into an :class:`inplace_bibliography`."""

    default_priority = 700  # before sphinx.builders.latex.transforms.BibliographyTransform
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        parents = []
        for citation in self.document.findall(docutils.nodes.citation):
            if citation.parent not in parents:
                parents.append(citation.parent)
        for parent in parents:
            bibliography = inplace_bibliography()
            for child in list(parent.children):
                if isinstance(child, docutils.nodes.citation):
                    item = inplace_bibitem("", *child.children, **child.attributes)
                    bibliography += item
            parent.replace_self(bibliography)


def visit_bibliography(self: LaTeXTranslator, node: inplace_bibliography) -> None:
    labels = [item[0].astext() for item in node.children]
    widest = max(labels, key=len)[:MAX_LABEL_WIDTH]
    self.body.append(f"\n\\begin{{researchsitebibliography}}{{{self.encode(widest)}}}\n")


def depart_bibliography(self: LaTeXTranslator, node: inplace_bibliography) -> None:
    self.body.append("\\end{researchsitebibliography}\n")


def visit_bibitem(self: LaTeXTranslator, node: inplace_bibitem) -> None:
    label = self.encode(node[0].astext())
    key = f"{node['docname']}:{node['ids'][0]}"
    self.body.append(f"\\bibitem[{label}]{{{key}}}{self.hypertarget(node['ids'][0])}%\n")


def depart_bibitem(self: LaTeXTranslator, node: inplace_bibitem) -> None:
    self.body.append("\n")


def add_package_file(app: Sphinx, config: Config) -> None:
    """Ship research-site.sty with the LaTeX sources (on every run: the config stays equal)."""
    if str(PACKAGE) not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, str(PACKAGE)]


def setup(app: Sphinx) -> None:
    """Register the nodes (LaTeX only), the transform and the LaTeX package."""
    app.connect("config-inited", add_package_file)
    app.add_latex_package(PACKAGE.stem)
    app.add_node(inplace_bibliography, latex=(visit_bibliography, depart_bibliography))
    app.add_node(inplace_bibitem, latex=(visit_bibitem, depart_bibitem))
    app.add_post_transform(InPlaceBibliographyTransform)
