"""Pygments' BibTeX tokens for the site's clean records, without its state machine.

Every entry shows its clean BibTeX record (:mod:`.cleanbib`), highlighted: at
thousands of papers, Pygments' BibTeX lexer (a regular-expression state
machine, several tries per token) was most of the highlighting time. A clean
record has one layout::

    @type{key,
      name = {braced value},
      month = jan,
    }

:class:`CleanRecordLexer` is Pygments' ``BibTeXLexer`` that, for text in exactly
that layout (identifiers as the lexer reads them, balanced braces), yields the
tokens that lexer yields, found by splitting lines; any other text goes to the
state machine. It is registered for ``bibtex`` through Sphinx's ``add_lexer``;
``tests/test_entry_html.py`` compares its tokens with the state machine's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pygments.lexer import LexerContext, _TokenType
from pygments.lexers.bibtex import BibTeXLexer
from pygments.token import Name, Punctuation, String, Whitespace

if TYPE_CHECKING:
    from sphinx.application import Sphinx

IDENTIFIER = re.compile(BibTeXLexer.IDENTIFIER, re.IGNORECASE)
#: Entry types the state machine reads as something else (``@comment``, ``@string`` ...).
SPECIAL_TYPES = ("comment", "preamble", "string")
KEY = re.compile(r"[^\s,}]+")
FIELD = re.compile(r"  (?P<name>[^ ]+) = (?P<value>.*),")
BRACED = re.compile(r"[{}]|[^{}]+")

Token = tuple[int, _TokenType, str]


def _identifier(text: str) -> bool:
    return IDENTIFIER.fullmatch(text) is not None


def _braced(value: str, start: int) -> list[Token] | None:
    """The tokens of a braced value; None unless it is one balanced group."""
    tokens: list[Token] = []
    depth = 0
    position = start
    for piece in BRACED.findall(value):
        if piece == "{":
            depth += 1
        elif piece == "}":
            depth -= 1
        elif depth == 0:
            return None
        tokens.append((position, String, piece))
        position += len(piece)
        if depth == 0 and position != start + len(value):
            return None  # the group closed before the value's end
    return tokens if depth == 0 and tokens else None


def clean_record_tokens(text: str) -> list[Token] | None:
    """The state machine's tokens for a clean record, or None for any other text."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    head = re.fullmatch(r"@([^{]+)\{([^\n]*),", lines[0]) if len(lines) >= 2 else None
    if head is None or lines[-1] != "}":
        return None
    kind, key = head.groups()
    if not _identifier(kind) or kind.lower().startswith(SPECIAL_TYPES):
        return None
    if KEY.fullmatch(key) is None:
        return None
    tokens: list[Token] = [
        (0, Name.Class, f"@{kind}"),
        (len(kind) + 1, Punctuation, "{"),
        (len(kind) + 2, Name.Label, key),
    ]
    position = len(lines[0]) - 1  # at the comma
    for line in lines[1:-1]:
        field = FIELD.fullmatch(line)
        if field is None or not _identifier(field["name"]):
            return None
        name, value = field["name"], field["value"]
        tokens += [
            (position, Punctuation, ","),
            (position + 1, Whitespace, "\n  "),
            (position + 4, Name.Attribute, name),
            (position + 4 + len(name), Whitespace, " "),
            (position + 5 + len(name), Punctuation, "="),
            (position + 6 + len(name), Whitespace, " "),
        ]
        start = position + 7 + len(name)
        if value.startswith("{"):
            braced = _braced(value, start)
            if braced is None:
                return None
            tokens += braced
        elif _identifier(value):
            tokens.append((start, Name.Variable, value))
        else:
            return None
        position = start + len(value)
    tokens += [(position, Punctuation, ","), (position + 1, Whitespace, "\n")]
    tokens.append((position + 2, Punctuation, "}"))
    if len(text) > position + 3:
        tokens.append((position + 3, Whitespace, text[position + 3 :]))
    return tokens


class CleanRecordLexer(BibTeXLexer):
    """Pygments' BibTeX lexer, with clean records tokenized by :func:`clean_record_tokens`."""

    def get_tokens_unprocessed(  # type: ignore[override]
        self, text: str | None = None, context: LexerContext | None = None
    ) -> Iterator[Token]:
        tokens = clean_record_tokens(text) if text is not None and context is None else None
        if tokens is None:
            yield from super().get_tokens_unprocessed(text, context)
        else:
            yield from tokens


def setup(app: Sphinx) -> None:
    """Highlight ``bibtex`` blocks with the lexer."""
    app.add_lexer("bibtex", CleanRecordLexer)
