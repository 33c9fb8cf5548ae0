"""The site's clean BibTeX records highlighted without Pygments' state machine.

Every entry shows its clean BibTeX record (:mod:`.cleanbib`), highlighted: at
thousands of papers, Pygments' BibTeX lexer (a regular-expression state
machine, several tries per token) and HTML formatter were a tenth of the build.
A clean record has one layout::

    @type{key,
      name = {braced value},
      month = jan,
    }

:func:`clean_record` reads text in exactly that layout (identifiers as the lexer
reads them, each value one balanced group or a macro); any other text is left
to Pygments. From it:

- :class:`CleanRecordLexer`, Pygments' ``BibTeXLexer`` registered for
  ``bibtex``, yields the tokens the state machine yields, found by splitting lines;
- :func:`clean_record_html` writes what Pygments' HTML formatter writes for
  them (with its default options); :mod:`.entryhtml` uses it once the first
  record of a build has proven equal to the builder's highlighting.

``tests/test_entry_html.py`` compares both with Pygments on generated records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from pygments.lexer import LexerContext, _TokenType
from pygments.lexers.bibtex import BibTeXLexer
from pygments.token import STANDARD_TYPES, Name, Punctuation, String, Whitespace

if TYPE_CHECKING:
    from sphinx.application import Sphinx

IDENTIFIER = re.compile(BibTeXLexer.IDENTIFIER, re.IGNORECASE)
#: Entry types the state machine reads as something else (``@comment``, ``@string`` ...).
SPECIAL_TYPES = ("comment", "preamble", "string")
HEAD = re.compile(r"@([^{]+)\{([^\s,}]+),")
FIELD = re.compile(r"  ([^ ]+) = (.*),")
BRACED = re.compile(r"[{}]|[^{}]+")

Token = tuple[int, _TokenType, str]


class CleanRecord(NamedTuple):
    """A record in the clean layout: type, key and fields (values as written)."""

    kind: str
    key: str
    fields: list[tuple[str, str]]


def _identifier(text: str) -> bool:
    return IDENTIFIER.fullmatch(text) is not None


def braced_pieces(value: str) -> list[str] | None:
    """The pieces (braces, runs of text) of one balanced ``{...}`` group; else None."""
    pieces = BRACED.findall(value)
    depth = 0
    for n, piece in enumerate(pieces):
        if piece == "{":
            depth += 1
        elif piece == "}":
            depth -= 1
        if depth == 0 and n != len(pieces) - 1:
            return None  # text outside the group, or a group closed early
    return pieces if pieces and pieces[0] == "{" and depth == 0 else None


def clean_record(text: str) -> CleanRecord | None:
    """*text* read as a clean record (an ending newline allowed); None for any other text."""
    lines = text.removesuffix("\n").split("\n")
    head = HEAD.fullmatch(lines[0]) if len(lines) >= 2 and lines[-1] == "}" else None
    if head is None:
        return None
    kind, key = head.groups()
    if not _identifier(kind) or kind.lower().startswith(SPECIAL_TYPES):
        return None
    fields = []
    for line in lines[1:-1]:
        field = FIELD.fullmatch(line)
        if field is None or not _identifier(field[1]):
            return None
        name, value = field.groups()
        if not (_identifier(value) or braced_pieces(value) is not None):
            return None
        fields.append((name, value))
    return CleanRecord(kind, key, fields)


def clean_record_tokens(text: str) -> list[Token] | None:
    """The state machine's tokens for a clean record, or None for any other text."""
    record = clean_record(text)
    if record is None:
        return None
    kind, key = record.kind, record.key
    tokens: list[Token] = [
        (0, Name.Class, f"@{kind}"),
        (len(kind) + 1, Punctuation, "{"),
        (len(kind) + 2, Name.Label, key),
    ]
    position = len(kind) + 2 + len(key)  # at the comma
    for name, value in record.fields:
        tokens += [
            (position, Punctuation, ","),
            (position + 1, Whitespace, "\n  "),
            (position + 4, Name.Attribute, name),
            (position + 4 + len(name), Whitespace, " "),
            (position + 5 + len(name), Punctuation, "="),
            (position + 6 + len(name), Whitespace, " "),
        ]
        start = position + 7 + len(name)
        pieces = braced_pieces(value)
        if pieces is None:
            tokens.append((start, Name.Variable, value))
        else:
            offset = start
            for piece in pieces:
                tokens.append((offset, String, piece))
                offset += len(piece)
        position = start + len(value)
    tokens += [(position, Punctuation, ","), (position + 1, Whitespace, "\n")]
    tokens.append((position + 2, Punctuation, "}"))
    if len(text) > position + 3:
        tokens.append((position + 3, Whitespace, text[position + 3 :]))
    return tokens


def _span(token_type: _TokenType, text: str) -> str:
    return f'<span class="{STANDARD_TYPES[token_type]}">{escape(text, quote=False)}</span>'


#: The spans between a field's name and value, and after the value.
_EQUALS = _span(Whitespace, " ") + _span(Punctuation, "=") + _span(Whitespace, " ")
_COMMA = _span(Punctuation, ",") + "\n"


def clean_record_html(record: CleanRecord) -> str:
    """What Pygments' HTML formatter (default options) writes for *record*'s tokens.

    Tokens of one type next to each other share a span; a value is one run of
    string tokens (or one macro).
    """
    lines = [
        _span(Name.Class, f"@{record.kind}")
        + _span(Punctuation, "{")
        + _span(Name.Label, record.key)
        + _COMMA
    ]
    indent = _span(Whitespace, "  ")
    for name, value in record.fields:
        kind = Name.Variable if value[0] != "{" else String
        lines.append(indent + _span(Name.Attribute, name) + _EQUALS + _span(kind, value) + _COMMA)
    lines.append(_span(Punctuation, "}") + "\n")
    return '<div class="highlight"><pre><span></span>' + "".join(lines) + "</pre></div>\n"


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
