"""LaTeX: each list of entries as a bibliography kept where it stands (Sphinx moves every
citation to the end: sphinx #5893), ``\\bibitem[18]`` items of ``research-site.sty``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils.nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.latex import LaTeXTranslator

PACKAGE = Path(__file__).parent / "research-site.sty"

#: Sphinx's limit on the label width it reserves in a bibliography.
MAX_LABEL_WIDTH = 8


class inplace_bibliography(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """A bibliography list written where it stands (``numbered``: of papers)."""


class inplace_bibitem(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """One entry of an :class:`inplace_bibliography` (``label``, ``ids``, ``docname``)."""


def is_number(node: docutils.nodes.Node) -> bool:
    """A paper's label, which carries its number (:func:`..listings.entries.paper_label`)."""
    return isinstance(node, docutils.nodes.inline) and node.get("number") is not None


class InPlaceBibliographyTransform(SphinxPostTransform):
    """Turn each list of papers into an :class:`inplace_bibliography`."""

    default_priority = 700  # after the entries are filled in, before Sphinx's LaTeX transforms
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for papers in list(self.document.findall(docutils.nodes.bullet_list)):
            if not papers.get("entry_list"):
                continue
            docname = papers["docname"]  # the list's page (LaTeX assembles one document)
            bibliography = inplace_bibliography(numbered=papers["entry_list"] == "papers")
            for item in papers.children:
                assert isinstance(item, docutils.nodes.Element)
                label = next(item.findall(is_number), None)  # works by others have none
                if label is not None:
                    text = label.parent
                    text.remove(label)
                    if text.children and text[0].astext() == " ":
                        text.remove(text[0])
                number = str(label["number"]) if label is not None else ""
                attributes = {"label": number, "ids": item["ids"], "docname": docname}
                bibliography += inplace_bibitem("", *item.children, **attributes)
            papers.replace_self(bibliography)


def visit_bibliography(self: LaTeXTranslator, node: inplace_bibliography) -> None:
    if node["numbered"]:
        widest = max((item["label"] for item in node.children), key=len)[:MAX_LABEL_WIDTH]
        self.body.append(f"\n\\begin{{researchsitebibliography}}{{{self.encode(widest)}}}\n")
    else:  # references (works by others): no labels, hanging indent
        self.body.append("\n\\begin{researchsitereferences}\n")


def depart_bibliography(self: LaTeXTranslator, node: inplace_bibliography) -> None:
    self.body.append(
        f"\\end{{researchsite{'bibliography' if node['numbered'] else 'references'}}}\n"
    )


def visit_bibitem(self: LaTeXTranslator, node: inplace_bibitem) -> None:
    label, anchor = self.encode(node["label"]), node["ids"][0]
    key = f"{node['docname']}:{anchor}"
    item = f"\\bibitem[{label}]{{{key}}}" if label else "\\item[]"
    self.body.append(f"{item}{self.hypertarget(anchor)}%\n")


def depart_bibitem(self: LaTeXTranslator, node: inplace_bibitem) -> None:
    self.body.append("\n")


def add_package_file(app: Sphinx, builder: Builder) -> None:
    """``write-started``: ship research-site.sty with the LaTeX sources (the configuration
    is left as it is)."""
    if builder.format == "latex":
        copy_asset_file(PACKAGE, builder.outdir, force=True)
