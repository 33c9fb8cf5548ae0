"""refs.bib read in one pass when it is written as plain entries.

pybtex's BibTeX parser reads a file token by token: a ``Token`` object for each,
each run of whitespace counted for line numbers, each value built from
generated pieces (half of its time on a 2,000-entry file; parsing names is the
other half). A file made only of entries -- ``@type{key, name = value, ...}``
with braced, quoted, numeric or month-name values, joined by ``#`` or not, and
any text between entries -- is read here with pybtex's own token patterns, in
the order pybtex reads them, into the same ``(type, key, fields)`` it hands to
``Parser.process_entry``. A field whose value is one plain part is matched
whole by one pattern. Anything else (``@string``, ``@preamble``, ``@comment``,
parenthesised entries, an undefined macro, any syntax error) makes
:class:`PlainEntriesParser` give the whole text to pybtex, whose errors and
line numbers are then the ones reported.

``process_entry`` is pybtex's, except that each distinct name is parsed into a
``Person`` once per parser and copied for each entry: authors recur across a
bibliography.

:func:`parse_bibfiles` is sphinxcontrib-bibtex's ``parse_bibdata`` with this
parser: that function builds its ``Parser`` itself and has no hook for another.
Its :class:`SharedBibData` pickles without its entries in a forked process
(:mod:`.forks`): sphinxcontrib-bibtex merges the readers' bibliographies and
citations, not the parsed files.
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex import textutils
from pybtex.bibtex.utils import split_name_list
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import DuplicateField, LowLevelParser, Parser
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

from .forks import in_forked_process

logger = logging.getLogger(__name__)

#: pybtex's token patterns (its scanner matches each after eating whitespace).
NAME = LowLevelParser.NAME.match
KEY = LowLevelParser.KEY_BRACE.match
NUMBER = LowLevelParser.NUMBER.match
#: The regular expression of pybtex's names (of types, fields and macros).
NAME_PATTERN: str = LowLevelParser.NAME.match.__self__.pattern
WHITESPACE = re.compile(r"\s*").match
BRACE = re.compile(r"[{}]").search
QUOTE_OR_BRACE = re.compile(r'["{}]').search
#: A whole field whose value is one part without braces inside, not followed by
#: ``#``: name, then the value braced, quoted, a number or a macro name; a comma
#: or the entry's end must follow, as pybtex's scanner requires.
SIMPLE_FIELD = re.compile(
    rf"\s*({NAME_PATTERN})\s*=\s*"
    rf'(?:\{{([^{{}}]*)\}}|"([^"{{}}]*)"|([0-9]+)|({NAME_PATTERN}))'
    r"\s*(?=[,}])"
).match
#: Commands pybtex reads otherwise than as entries.
COMMANDS = {"string", "preamble", "comment"}
#: pybtex's limit of nested braces in a value.
MAX_LEVEL = 100

#: An entry as pybtex hands it on: type, key and ``(name, value parts)`` fields.
PlainEntry = tuple[str, str, list[tuple[str, list[str]]]]


class SharedBibData(BibData):
    """sphinxcontrib-bibtex's parsed bib files; pickled without entries by a forked process."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type[SharedBibData], tuple[str, dict[Path, BibFile], object]]:
        data = BibliographyData() if in_forked_process() else self.data
        return (SharedBibData, (self.encoding, self.bibfiles, data))


class NotPlain(Exception):
    """The text is not plain entries: pybtex reads it."""


def skip_space(text: str, pos: int) -> int:
    match = WHITESPACE(text, pos)  # always matches (maybe nothing)
    return match.end() if match else pos


def braced_end(text: str, pos: int, quoted: bool) -> int:
    """Where the value opened just before *pos* closes (its closing character)."""
    level = 0
    search = QUOTE_OR_BRACE if quoted else BRACE
    while True:
        match = (search if level == 0 else BRACE)(text, pos)
        if match is None:
            raise NotPlain("premature end of file")
        char, pos = match.group(), match.end()
        if char == "{":
            level += 1
            if level > MAX_LEVEL:
                raise NotPlain("too many nested braces")
        elif level > 0:
            level -= 1
        elif char == '"' or not quoted:
            return pos - 1
        else:
            raise NotPlain("unbalanced braces")


def value_part(text: str, pos: int, macros: dict[str, str]) -> tuple[str, int]:
    """One part of a value (pybtex's order: quote, brace, number, name) and where it ends."""
    char = text[pos : pos + 1]
    if char in ('"', "{"):
        end = braced_end(text, pos + 1, quoted=char == '"')
        return text[pos + 1 : end], end + 1
    for pattern in (NUMBER, NAME):
        match = pattern(text, pos)
        if match:
            if pattern is NUMBER:
                return match.group(), match.end()
            if match.group() not in macros:
                raise NotPlain(f"undefined macro {match.group()}")
            return macros[match.group()], match.end()
    raise NotPlain("no field value")


def field_value(text: str, pos: int, macros: dict[str, str]) -> tuple[list[str], int]:
    """A value's parts (joined by ``#``) and where the value ends."""
    parts = []
    while True:
        part, pos = value_part(text, skip_space(text, pos), macros)
        parts.append(part)
        pos = skip_space(text, pos)
        if not text.startswith("#", pos):
            return parts, pos
        pos += 1


def plain_entry(text: str, pos: int, macros: dict[str, str]) -> tuple[PlainEntry, int]:
    """The entry whose ``@`` is just before *pos*, and where it ends."""
    match = NAME(text, skip_space(text, pos))
    if not match or match.group().lower() in COMMANDS:
        raise NotPlain("not an entry")
    pos = skip_space(text, match.end())
    if not text.startswith("{", pos):
        raise NotPlain("not a braced entry")
    key = KEY(text, skip_space(text, pos + 1))
    if not key:
        raise NotPlain("no key")
    fields = []
    pos = key.end()
    while True:
        simple = SIMPLE_FIELD(text, pos)
        if simple:
            name_text, braced, quoted, number, macro = simple.groups()
            if macro is None:
                value = braced if braced is not None else quoted if quoted is not None else number
            elif macro in macros:
                value = macros[macro]
            else:
                raise NotPlain(f"undefined macro {macro}")
            fields.append((name_text, [value]))
            pos = simple.end()
        pos = skip_space(text, pos)
        name = None if simple else NAME(text, pos)
        if name:
            pos = skip_space(text, name.end())
            if not text.startswith("=", pos):
                raise NotPlain("no '='")
            parts, pos = field_value(text, pos + 1, macros)
            fields.append((name.group(), parts))
        if not text.startswith(",", pos):
            break
        pos += 1
    if not text.startswith("}", pos):
        raise NotPlain("entry not closed")
    return (match.group(), key.group(), fields), pos + 1


def plain_entries(text: str, macros: dict[str, str]) -> list[PlainEntry]:
    """Every entry of *text*, as pybtex's low-level parser yields them.

    Raises :class:`NotPlain` if *text* holds anything else.
    """
    entries = []
    pos = text.find("@")
    while pos >= 0:
        entry, pos = plain_entry(text, pos + 1, macros)
        entries.append(entry)
        pos = text.find("@", pos)
    return entries


class PlainEntriesParser(Parser):
    """pybtex's BibTeX parser, reading plain entries in one pass."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.people: dict[str, Person] = {}

    def person(self, name: str) -> Person:
        """A new ``Person(name)``: a copy of the one parsed first."""
        if name not in self.people:
            self.people[name] = Person(name)
        person = Person.__new__(Person)
        person.__dict__.update(
            (part, list(value) if type(value) is list else value)
            for part, value in vars(self.people[name]).items()
        )
        return person

    def process_entry(self, entry_type: str, key: str | None, fields: list) -> None:
        """pybtex's ``Parser.process_entry``, with names from :meth:`person`."""
        entry = Entry(entry_type)
        if key is None:
            key = f"unnamed-{self.unnamed_entry_counter}"
            self.unnamed_entry_counter += 1
        seen_fields = set()
        for field_name, field_value_list in fields:
            if field_name.lower() in seen_fields:
                self.handle_error(DuplicateField(key, field_name))
                continue
            field_value = textutils.normalize_whitespace(self.flatten_value_list(field_value_list))
            if field_name in self.person_fields:
                for name in split_name_list(field_value):
                    entry.add_person(self.person(name), field_name)
            else:
                entry.fields[field_name] = field_value
            seen_fields.add(field_name.lower())
        self.data.add_entry(key, entry)

    def parse_string(self, text: str) -> BibliographyData:
        if self.keyless_entries:
            return super().parse_string(text)
        try:
            entries = plain_entries(text, self.macros)
        except NotPlain:
            return super().parse_string(text)
        self.unnamed_entry_counter = 1
        for entry_type, key, fields in entries:
            if self.data.want_entry(key):
                self.process_entry(entry_type, key, fields)
        return self.data


def parse_bibfiles(bibfiles: list[Path], encoding: str) -> SharedBibData:
    """sphinxcontrib-bibtex's ``parse_bibdata``, with :class:`PlainEntriesParser`.

    The files exist (:mod:`.bibcheck` checks first).
    """
    parser = PlainEntriesParser(encoding)
    parsed: dict[Path, BibFile] = {}
    keys: dict[str, None] = {}
    for path in bibfiles:
        logger.info(f"parsing bibtex file {path}... ", nonl=True)
        parser.parse_file(path)
        keys, old_keys = dict.fromkeys(parser.data.entries.keys()), keys
        new_keys = dict.fromkeys(key for key in keys if key not in old_keys)
        logger.info(f"parsed {len(new_keys)} entries")
        parsed[path] = BibFile(mtime=get_mtime(path), keys=new_keys)
    return SharedBibData(encoding=encoding, bibfiles=parsed, data=parser.data)
