"""Citations of several papers read in ascending order: ``[8, 12, 16]``.

sphinxcontrib-bibtex joins the references of one citation in the order of the
bibliography (newest first here), which would give ``[16, 12, 8]``. This
referencing style keys each reference with its label number and sorts before
joining, whatever the order of keys in the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pybtex.richtext import BaseText, Text
from pybtex.style.template import Node, node
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

#: The plugin name, for ``bibtex_reference_style``.
REFERENCE_STYLE_NAME = "ascending_label"


class _KeyedText(Text):
    """Rendered reference that remembers the number it sorts by."""

    sort_key: tuple[int, str] = (0, "")


def label_sort_key(label: str) -> tuple[int, str]:
    """Numbers in numeric order, anything else after them."""
    return (int(label), label) if label.isdigit() else (1 << 30, label)


@node
def _keyed(children: list[Node], data: dict[str, Any]) -> _KeyedText:
    """Format the single child and attach the entry's label as sort key."""
    (child,) = children
    text = _KeyedText(child.format_data(data))
    text.sort_key = label_sort_key(data["formatted_entry"].label)
    return text


@dataclass
class AscendingLabelReferenceStyle(LabelReferenceStyle):
    """The stock label style, with the references of a citation sorted."""

    def inner(self, role_name: str) -> Node:
        return _keyed[super().inner(role_name)]

    def outer(self, role_name: str, children: list[BaseText]) -> Node:
        ordered = sorted(children, key=lambda child: getattr(child, "sort_key", (0, "")))
        return super().outer(role_name, ordered)
