"""LaTeX: each year's papers as a bibliography kept where it stands, under its heading.

Sphinx's LaTeX writer moves every ``citation`` of a document into one list at
the end (sphinxcontrib-bibtex #156, #367, #378; sphinx #5893), so the site's
list is not made of citations. This post-transform (LaTeX only) turns each list
of papers (:data:`..listings.publications.LIST_CLASS`) into an in-place
bibliography: ``\\bibitem[18]{...}`` items in a list environment of
``research-site.sty`` (thebibliography without its chapter heading), each with
a hyperref target, so citations in the research chapters link to them. The
package also styles an entry's parts (``\\DUrole{pub-title}``, ...).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils.nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..listings.entries import LABEL_CLASS
from ..listings.publications import LIST_CLASS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.latex import LaTeXTranslator

PACKAGE = Path(__file__).parent / "research-site.sty"

#: Sphinx's limit on the label width it reserves in a bibliography.
MAX_LABEL_WIDTH = 8


class inplace_bibliography(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """A bibliography list written where it stands."""


class inplace_bibitem(docutils.nodes.General, docutils.nodes.Element):  # noqa: N801
    """One paper of an :class:`inplace_bibliography` (``label``, ``ids``, ``docname``)."""


def is_label(node: docutils.nodes.Node) -> bool:
    return isinstance(node, docutils.nodes.inline) and LABEL_CLASS in node["classes"]


class InPlaceBibliographyTransform(SphinxPostTransform):
    """Turn each list of papers into an :class:`inplace_bibliography`."""

    default_priority = 700  # after the entries are filled in, before Sphinx's LaTeX transforms
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for papers in list(self.document.findall(docutils.nodes.bullet_list)):
            if LIST_CLASS not in papers["classes"]:
                continue
            docname = papers["docname"]  # the list's page (LaTeX assembles one document)
            bibliography = inplace_bibliography()
            for item in papers.children:
                assert isinstance(item, docutils.nodes.Element)
                label = next(item.findall(is_label), None)  # works by others have none
                if label is not None:
                    text = label.parent
                    text.remove(label)
                    if text.children and text[0].astext() == " ":
                        text.remove(text[0])
                number = label.astext().strip("[]") if label is not None else ""
                attributes = {"label": number, "ids": item["ids"], "docname": docname}
                bibliography += inplace_bibitem("", *item.children, **attributes)
            papers.replace_self(bibliography)


def visit_bibliography(self: LaTeXTranslator, node: inplace_bibliography) -> None:
    widest = max((item["label"] for item in node.children), key=len)[:MAX_LABEL_WIDTH]
    if widest:
        self.body.append(f"\n\\begin{{researchsitebibliography}}{{{self.encode(widest)}}}\n")
    else:  # references (works by others): no labels, hanging indent
        self.body.append("\n\\begin{researchsitereferences}\n")


def depart_bibliography(self: LaTeXTranslator, node: inplace_bibliography) -> None:
    labelled = any(item["label"] for item in node.children)
    self.body.append(f"\\end{{researchsite{'bibliography' if labelled else 'references'}}}\n")


def visit_bibitem(self: LaTeXTranslator, node: inplace_bibitem) -> None:
    label, anchor = self.encode(node["label"]), node["ids"][0]
    key = f"{node['docname']}:{anchor}"
    item = f"\\bibitem[{label}]{{{key}}}" if label else "\\item[]"
    self.body.append(f"{item}{self.hypertarget(anchor)}%\n")


def depart_bibitem(self: LaTeXTranslator, node: inplace_bibitem) -> None:
    self.body.append("\n")


def add_package_file(app: Sphinx, config: Config) -> None:
    """Ship research-site.sty with the LaTeX sources (on every run: the config stays equal)."""
    if str(PACKAGE) not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, str(PACKAGE)]
