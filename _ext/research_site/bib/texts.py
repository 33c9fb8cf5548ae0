"""BibTeX field values, written in LaTeX, as pybtex rich text and as plain text.

pybtex decodes LaTeX (``{\\'e}``, ``--``, braces) into rich text. Its decoder
turns ``\\{`` into a brace group and keeps ``\\$`` as written, so those escapes
are cut out first and kept as the literal characters they stand for.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import zip_longest

from pybtex.richtext import BaseText, String, Text
from pybtex.scanner import PybtexSyntaxError

#: LaTeX escapes of characters that pybtex's decoder does not give back literally.
LITERAL_ESCAPES = {
    r"\{": "{",
    r"\}": "}",
    r"\$": "$",
    r"\textasciicircum{}": "^",
    r"\^{}": "^",
}
_LITERAL_ESCAPE = re.compile("|".join(map(re.escape, LITERAL_ESCAPES)))

#: Distinct strings decoded are kept: names and venues recur across entries.
DECODED_STRINGS = 1 << 14

#: Text pybtex's decoder gives back as it is: plain words and punctuation, single
#: spaces, no ligature (``--``, ``''``) and nothing special to LaTeX.
PLAIN = re.compile(r"(?!.*(?:--|''|,,))[\w,.:;()?!/+=\-' -￿]+(?: [\w,.:;()?!/+=\-' -￿]+)*")


def _decode(piece: str) -> list[BaseText]:
    """One piece decoded by pybtex, keeping the white space at its ends."""
    stripped = piece.strip()
    if not stripped:
        return [String(piece)] if piece else []
    lead, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
    return [String(lead)] * bool(lead) + [Text.from_latex(stripped)] + [String(tail)] * bool(tail)


@lru_cache(maxsize=DECODED_STRINGS)
def field_text(value: str) -> Text:
    """Rich text of a BibTeX field value (braces and LaTeX escapes resolved).

    Where cutting out the escapes would unbalance a brace group, the value is
    decoded whole, as pybtex alone would; where even that fails, it is shown
    as written. Rich texts are never modified in place, so they are shared.
    """
    if PLAIN.fullmatch(value):
        return Text(value)
    pieces = _LITERAL_ESCAPE.split(value)
    escapes = _LITERAL_ESCAPE.findall(value)
    parts: list[BaseText] = []
    try:
        for piece, escape in zip_longest(pieces, escapes):
            parts += _decode(piece or "")
            if escape:
                parts.append(String(LITERAL_ESCAPES[escape]))
        return Text(*parts)
    except PybtexSyntaxError:
        pass
    try:
        return Text.from_latex(value)
    except PybtexSyntaxError:
        return Text(value)


def plain(text: BaseText | str) -> str:
    """Plain text of rich text, its white space collapsed."""
    return " ".join(str(text).split())


def field_plain(value: str) -> str:
    """Plain text of a BibTeX field value."""
    return plain(field_text(value))
