"""BibTeX field values (LaTeX) as pybtex rich text and as plain text: escapes kept
literally, text macros' arguments kept, ``$...$`` math as a ``math`` tag (:func:`plain`
reads it as text).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import zip_longest

import pybtex.backends.plaintext
from pybtex.richtext import BaseText, String, Tag, Text
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

#: Text macros whose argument is shown as plain (protected) text.
TEXT_MACRO = re.compile(r"\\(?:emph|textit|textbf|textsc|texttt|textrm|textsf|textup|mbox)\s*\{")

#: ``$...$`` math (``\$`` is a dollar sign); braces around it only protect it.
MATH = re.compile(r"\{?(?<!\\)\$((?:[^$\\]|\\.)+)\$\}?")

#: The tag name of math in rich text, and of text that never breaks across lines
#: (a page range, a short venue name).
MATH_TAG, UNBROKEN_TAG = "math", "pub-unbroken"

#: Distinct strings decoded are kept: names and venues recur across entries.
DECODED_STRINGS = 1 << 14

#: Text pybtex's decoder gives back as it is: plain words and punctuation, single
#: spaces, no ligature (``--``, ``''``) and nothing special to LaTeX.
PLAIN = re.compile(
    r"(?!.*(?:--|''|,,))[\w,.:;()?!/+=\-'\u00a0-\uffff]+(?: [\w,.:;()?!/+=\-'\u00a0-\uffff]+)*"
)

#: LaTeX math symbols as readable text (Greek letters are looked up by name).
MATH_SYMBOLS = {
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
    "sim": "∼", "cdot": "·", "times": "×", "pm": "±", "infty": "∞", "ell": "ℓ", "to": "→",
    "rightarrow": "→", "in": "∈", "sum": "∑", "prod": "∏", "partial": "∂", "nabla": "∇",
    "log": "log", "exp": "exp", "min": "min", "max": "max", "top": "⊤", "dots": "…",
    "ldots": "…", "cdots": "⋯", "mid": "|", "quad": " ", ",": " ", ";": " ", "!": "", "|": "‖",
}  # fmt: skip
ACCENTS = {"tilde": "\u0303", "hat": "\u0302", "bar": "\u0304", "vec": "\u20d7", "dot": "\u0307"}
DOUBLE_STRUCK = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}
_GROUP = r"\s*\{([^{}]*)\}"
#: Superscript and subscript characters of what has them (``ε⁻²``, ``x₁``).
SCRIPTS = {
    "^": str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ"),
    "_": str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"),
}


def _script_text(match: re.Match[str]) -> str:
    """``^{-2}`` -> ``⁻²``; others as written, a symbol run in: ``_∞`` -> ``∞``, ``_t``."""
    marker, body = match[1], match[2] if match[2] is not None else match[3]
    table = SCRIPTS[marker]
    if body and all(ord(c) in table for c in body):
        return body.translate(table)
    if marker == "_" and len(body) == 1 and not body.isascii():
        return body
    return f"{marker}{body}" if len(body) == 1 else f"{marker}({body})"


def _macro_text(match: re.Match[str]) -> str:
    name = match[1]
    if name in MATH_SYMBOLS:
        return MATH_SYMBOLS[name]
    try:
        return unicodedata.lookup(
            f"GREEK {'CAPITAL' if name[0].isupper() else 'SMALL'} "
            f"LETTER {name.removeprefix('var').upper()}"
        )
    except KeyError:
        return ""  # a font or spacing macro: its argument stays


@lru_cache(maxsize=DECODED_STRINGS)
def math_plain(tex: str) -> str:
    """Readable text of LaTeX math: ``O(1/\\sqrt{T})`` -> ``O(1/√T)``."""
    text = re.sub(r"\\mathbb" + _GROUP, lambda m: DOUBLE_STRUCK.get(m[1], m[1]), tex)
    text = re.sub(
        r"\\sqrt" + _GROUP, lambda m: "√" + (m[1] if len(m[1]) == 1 else f"({m[1]})"), text
    )
    accents = "|".join(ACCENTS)
    text = re.sub(
        rf"\\({accents})\s*(?:\{{(\w)\}}|(\w))", lambda m: (m[2] or m[3]) + ACCENTS[m[1]], text
    )
    text = re.sub(r"\\([A-Za-z]+|[,;!|])", _macro_text, text)
    text = re.sub(r"([_^])(?:\{([^{}]*)\}|(\S))", _script_text, text)
    text = text.replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _decode(piece: str) -> list[BaseText]:
    """One piece decoded by pybtex, keeping the white space at its ends."""
    stripped = piece.strip()
    if not stripped:
        return [String(piece)] if piece else []
    lead, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
    return [String(lead)] * bool(lead) + [Text.from_latex(stripped)] + [String(tail)] * bool(tail)


def _decode_text(value: str) -> list[BaseText]:
    """Text without math, its literal escapes kept as the characters they stand for."""
    parts: list[BaseText] = []
    pieces = _LITERAL_ESCAPE.split(TEXT_MACRO.sub("{", value))
    for piece, escape in zip_longest(pieces, _LITERAL_ESCAPE.findall(value)):
        parts += _decode(piece or "")
        if escape:
            parts.append(String(LITERAL_ESCAPES[escape]))
    return parts


@lru_cache(maxsize=DECODED_STRINGS)
def field_text(value: str) -> Text:
    """Rich text of a BibTeX field value (braces, LaTeX escapes and math resolved).

    Where cutting out escapes or math would unbalance a brace group, the value
    is decoded whole, as pybtex alone would; where even that fails, it is shown
    as written. Rich texts are never modified in place, so they are shared.
    """
    if PLAIN.fullmatch(value):
        return Text(value)
    parts: list[BaseText] = []
    try:
        position = 0
        for match in MATH.finditer(value):
            parts += _decode_text(value[position : match.start()])
            parts.append(Tag(MATH_TAG, String(match[1].strip())))
            position = match.end()
        parts += _decode_text(value[position:])
        return Text(*parts)
    except PybtexSyntaxError:
        pass
    try:
        return Text.from_latex(value)
    except PybtexSyntaxError:
        return Text(value)


class ReadableBackend(pybtex.backends.plaintext.Backend):
    """pybtex's plain-text backend, with math as readable text."""

    def format_tag(self, tag_name: str, text: str) -> str:
        return math_plain(text) if tag_name == MATH_TAG else text


def plain(text: BaseText | str) -> str:
    """Plain text of rich text, its white space collapsed."""
    rendered = text if isinstance(text, str) else text.render(ReadableBackend())
    return " ".join(rendered.split())


def field_plain(value: str) -> str:
    """Plain text of a BibTeX field value."""
    return plain(field_text(value))
