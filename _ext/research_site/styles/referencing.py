"""How a citation reads: papers ``[1–6, 8, 12]`` in ascending order whatever the key
order, runs compressed; works by others ``(Kingma and Ba, 2015)`` or, textually,
``Kingma and Ba (2015)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from pybtex.richtext import BaseText, Text
from pybtex.style.template import Node, join, node
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference, sentence

from ..bib.library import Identity
from .formatting import IdentifiedEntry

#: The plugin name, for ``bibtex_reference_style``.
REFERENCE_STYLE_NAME = "ascending_label"


class _KeyedText(Text):
    """Rendered reference that remembers what it sorts by, and whether it is a paper."""

    sort_key: tuple[int, str] = (0, "")
    is_paper = True


def identity(data: dict[str, Any]) -> Identity:
    """What is known about the cited entry (the site's style put it on the formatted entry)."""
    return cast("IdentifiedEntry", data["formatted_entry"]).identity


def is_textual(role_name: str) -> bool:
    """``t``, ``ct``, ``ts``...: a citation that names the authors in the sentence."""
    return role_name.lstrip("c").startswith("t")


@node
def _textual_label(children: list[Node], data: dict[str, Any]) -> Text:
    """``Kingma and Ba (2015)``."""
    work = identity(data).work
    assert work is not None, "only works by others are cited by author and year"
    return Text(f"{work.authors} ({work.year})")


@node
def _label(children: list[Node], data: dict[str, Any]) -> Text:
    return Text(identity(data).label)


@node
def _keyed(children: list[Node], data: dict[str, Any], role: str = "p") -> _KeyedText:
    """A paper as the label style cites it; a work by its label, linked."""
    paper, work_parenthetical, work_textual = children
    cited = identity(data)
    if cited.is_paper:
        text = _KeyedText(paper.format_data(data))
    else:
        work = work_textual if is_textual(role) else work_parenthetical
        text = _KeyedText(work.format_data(data))
    text.sort_key, text.is_paper = cited.sort_key, cited.is_paper
    return text


def compressed(papers: list[BaseText]) -> list[BaseText]:
    """Runs of three or more consecutive numbers as a range, ``1–6`` (its ends linked, as
    natbib's ``sort&compress``); two consecutive numbers stay apart, ``17, 18``."""
    runs: list[list[BaseText]] = []
    for paper in papers:
        number = getattr(paper, "sort_key", (0, ""))[0]
        if runs and number == getattr(runs[-1][-1], "sort_key", (0, ""))[0] + 1:
            runs[-1].append(paper)
        else:
            runs.append([paper])
    return [
        item
        for run in runs
        for item in ([Text(run[0], "\u2013", run[-1])] if len(run) >= 3 else run)
    ]


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
        papers = [child for child in ordered if getattr(child, "is_paper", True)]
        works = [child for child in ordered if not getattr(child, "is_paper", True)]
        numbers = compressed(papers)
        groups: list[Node | BaseText] = [super().outer(role_name, numbers)] if papers else []
        if works and is_textual(role_name):
            groups.append(
                sentence(add_period=False, sep=", ", sep2=" and ", last_sep=", and ")[works]
            )
        elif works:
            groups.append(join["(", sentence(add_period=False, sep="; ")[works], ")"])
        return join(sep=" ")[groups]
