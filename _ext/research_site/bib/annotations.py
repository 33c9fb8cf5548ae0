"""Equal-contribution and project-lead markers from ``author+an`` (biblatex's
annotation syntax: ``{1=equal,lead; 2=equal}``).
"""

from __future__ import annotations

from collections.abc import Mapping

#: The field that holds the annotations.
ANNOTATION_FIELD = "author+an"

#: Known annotations and the symbol each one shows after a name, in display order.
MARKER_SYMBOLS: Mapping[str, str] = {"equal": "*", "lead": "\u2020"}

#: What each symbol means, for the legend next to a list.
MARKER_MEANINGS: Mapping[str, str] = {"equal": "equal contribution", "lead": "project lead"}


class AnnotationError(ValueError):
    """An ``author+an`` field that does not fit the entry or the syntax."""


def parse_annotations(value: str, author_count: int) -> dict[int, frozenset[str]]:
    """Parse ``1=equal,lead; 2=equal`` into ``{0: {...}, 1: {...}}`` (0-based).

    Raises :class:`AnnotationError` naming what is wrong: an item that is not
    ``position=annotation``, a position beyond the author list, or an unknown
    annotation.
    """
    result: dict[int, set[str]] = {}
    for item in filter(None, (part.strip() for part in value.split(";"))):
        position, sep, names = item.partition("=")
        if not sep or not position.strip().isdigit():
            raise AnnotationError(
                f"'{item}' is not of the form 'N=annotation' (e.g. '1=equal,lead')"
            )
        index = int(position) - 1
        if not 0 <= index < author_count:
            raise AnnotationError(
                f"'{item}' points at author {index + 1}, but the entry has {author_count} author(s)"
            )
        for name in filter(None, (n.strip() for n in names.split(","))):
            if name not in MARKER_SYMBOLS:
                known = ", ".join(MARKER_SYMBOLS)
                raise AnnotationError(f"unknown annotation '{name}': use {known}, or remove it")
            result.setdefault(index, set()).add(name)
    return {index: frozenset(names) for index, names in result.items()}


def markers(value: str, author_count: int) -> list[str]:
    """The marker symbols (e.g. ``"*†"``) after each of *author_count* authors, in order."""
    annotations = parse_annotations(value, author_count)
    return [
        "".join(
            symbol for name, symbol in MARKER_SYMBOLS.items() if name in annotations.get(index, ())
        )
        for index in range(author_count)
    ]


def legend_items(used: set[str] | None = None) -> list[tuple[str, str]]:
    """``(symbol, meaning)`` pairs for the legend, in display order (only *used* symbols)."""
    return [
        (symbol, MARKER_MEANINGS[name])
        for name, symbol in MARKER_SYMBOLS.items()
        if used is None or symbol in used
    ]
