"""How a citation reads: the owner's papers ``[8, 12, 16]``, works by others
``(Kingma and Ba, 2015)``.

sphinxcontrib-bibtex's label style joins the references of one citation in the
order of the bibliography (newest first here), which would give ``[16, 12, 8]``.
This referencing style keys each reference with its label and sorts before
joining, whatever the order of keys in the page. A citation of papers and
works gives both groups: ``[3, 7] (Kingma and Ba, 2015)``. Textually
(``{cite:t}``) a work reads ``Kingma and Ba (2015)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pybtex.richtext import BaseText, Text
from pybtex.style.template import Node, join, node
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference, sentence

#: The plugin name, for ``bibtex_reference_style``.
REFERENCE_STYLE_NAME = "ascending_label"


class _KeyedText(Text):
    """Rendered reference that remembers what it sorts by."""

    sort_key: tuple[int, str] = (0, "")


def label_sort_key(label: str) -> tuple[int, str]:
    """Numbers (papers) in numeric order, labels of works after them, alphabetically."""
    return (int(label), label) if label.isdigit() else (1 << 30, label)


def is_work(text: BaseText) -> bool:
    """Whether a rendered reference is of a work by others (its label is not a number)."""
    return getattr(text, "sort_key", (0, ""))[0] == 1 << 30


def is_textual(role_name: str) -> bool:
    """``t``, ``ct``, ``ts``...: a citation that names the authors in the sentence."""
    return role_name.lstrip("c").startswith("t")


@node
def _textual_label(children: list[Node], data: dict[str, Any]) -> Text:
    """``Kingma and Ba (2015)`` from the label ``Kingma and Ba, 2015``."""
    authors, _, year = data["formatted_entry"].label.rpartition(", ")
    return Text(f"{authors} ({year})")


@node
def _label(children: list[Node], data: dict[str, Any]) -> Text:
    return Text(data["formatted_entry"].label)


@node
def _keyed(children: list[Node], data: dict[str, Any], role: str = "p") -> _KeyedText:
    """A paper as the label style cites it; a work by its label, linked."""
    paper, work_parenthetical, work_textual = children
    label = data["formatted_entry"].label
    if label.isdigit():
        text = _KeyedText(paper.format_data(data))
    else:
        work = work_textual if is_textual(role) else work_parenthetical
        text = _KeyedText(work.format_data(data))
    text.sort_key = label_sort_key(label)
    return text


@dataclass
class AscendingLabelReferenceStyle(LabelReferenceStyle):
    """The stock label style for papers, sorted; author and year for works by others."""

    def inner(self, role_name: str) -> Node:
        return _keyed(role=role_name)[
            super().inner(role_name),
            join2(sep1=" ", sep2=", ")[pre_text, reference[_label], post_text],
            join2(sep1=" ", sep2=", ")[pre_text, reference[_textual_label], post_text],
        ]

    def outer(self, role_name: str, children: list[BaseText]) -> Node:
        ordered = sorted(children, key=lambda child: getattr(child, "sort_key", (0, "")))
        papers = [child for child in ordered if not is_work(child)]
        works = [child for child in ordered if is_work(child)]
        groups: list[Node | BaseText] = [super().outer(role_name, papers)] if papers else []
        if works and is_textual(role_name):
            groups.append(
                sentence(add_period=False, sep=", ", sep2=" and ", last_sep=", and ")[works]
            )
        elif works:
            groups.append(join["(", sentence(add_period=False, sep="; ")[works], ")"])
        return join(sep=" ")[groups]
