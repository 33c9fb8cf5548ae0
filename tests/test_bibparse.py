"""refs.bib read in one pass gives what pybtex's parser gives, or pybtex reads it.

:mod:`research_site.bibparse` reads plain entries itself and gives any other text
to pybtex. For generated bib files (braced, quoted, numeric and macro values,
``#``, nested braces, awkward whitespace and names, junk between entries) and
for the same files with characters dropped or added, its result -- the entries
with their types, fields in order and parsed names, or the error raised -- is
pybtex's, and well-formed files take the one-pass path.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser

from conftest import PROJECT
from research_site import forks
from research_site.bibparse import PlainEntriesParser, parse_bibfiles, plain_entries


def described(data: BibliographyData) -> list[Any]:
    """Everything parsed, in order: types, fields, names split into their parts."""
    return [
        (
            key,
            entry.type,
            list(entry.fields.items()),
            [
                (role, [[list(part) for part in vars(person).values()] for person in people])
                for role, people in entry.persons.items()
            ],
        )
        for key, entry in data.entries.items()
    ] + [data.preamble]


def outcome(parser: type[Parser], text: str) -> tuple[str, Any]:
    """What *parser* makes of *text*: the data, or the error it raises."""
    try:
        return "parsed", described(parser().parse_string(text))
    except Exception as error:  # the error is the outcome compared
        return type(error).__name__, str(error)


space = st.sampled_from(["", " ", "  ", "\n", "\t", "\n  ", "\u00a0", "\u2003", "\r\n"])
word = st.sampled_from(["Deep", "learning", "{GPT}", "{\\'e}t{\\'e}", "50\\%", "a,b", "x=y", "@"])
text_piece = st.sampled_from(["{", "}", '"', "#", "{nested {deep}}", "\\{", ","])
braced_text = st.lists(st.one_of(word, space, text_piece), max_size=6).map("".join)
plain_text = st.lists(st.one_of(word, space, st.just("{nested {deep}}")), max_size=6).map("".join)
name = st.sampled_from(
    [
        "Mingze Wang",
        "Wang, Mingze",
        "Ludwig van Beethoven",
        "de la Fontaine, Jean",
        "King, Jr., Martin Luther",
        "{Barnes and Noble}",
        "Zo{\\\"e} O'Neil",
        "J.~R. R. Tolkien",
        "others",
    ]
)
names = st.lists(name, min_size=1, max_size=4).map(" and ".join)


@st.composite
def value(draw: st.DrawFn, field: str, plain: bool) -> str:
    """A field's value: one part or several joined by ``#``.

    *plain*: balanced braces, no stray quote and only defined macros.
    """
    content = draw(names if field in ("author", "editor") else plain_text if plain else braced_text)
    part = st.one_of(
        st.just("{" + content + "}"),
        st.just('"' + content.replace('"', "") + '"'),
        st.from_regex(r"[0-9]{1,4}", fullmatch=True),
        st.sampled_from(["jan", "Feb", "dec"] if plain else ["jan", "Feb", "dec", "undefined"]),
    )
    parts = draw(st.lists(part, min_size=1, max_size=3))
    return draw(st.sampled_from([" # ", "#", "\n  # "])).join(parts)


@st.composite
def entry(draw: st.DrawFn, plain: bool = False) -> str:
    """An entry (or, unless *plain*, a command), with awkward spacing and commas."""
    fields = draw(
        st.lists(
            st.sampled_from(["author", "title", "Title", "year", "editor", "note", "url", "x-y"]),
            max_size=5,
        )
    )
    body = [
        draw(space) + field + draw(space) + "=" + draw(space) + draw(value(field, plain))
        for field in fields
    ]
    separator = draw(st.sampled_from([",", ",\n", " ,", ",,"]))
    trailing = draw(st.sampled_from(["", ",", ",\n"]))
    kinds = ["article", "misc", "InProceedings"] + ([] if plain else ["string", "comment"])
    kind = draw(st.sampled_from(kinds))
    key = draw(st.sampled_from(["key", "a:b+1", "K", "wang2025"])) + str(draw(st.integers(0, 3)))
    if plain:
        fields = list(dict.fromkeys(field.lower() for field in fields))
    return (
        f"@{draw(space)}{kind}{draw(space)}{{{draw(space)}{key}{draw(space)},"
        + separator.join(body)
        + trailing
        + draw(space)
        + "}"
    )


junk = st.sampled_from(["", "\n", "\n\n% a comment\n", "junk text ", "@@"])
bib_text = st.lists(st.tuples(junk, entry()), max_size=4).map(
    lambda pairs: "".join(junk + item for junk, item in pairs)
)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A generated bib text with a few characters dropped or inserted."""
    text = draw(bib_text)
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        insert = draw(st.sampled_from(["", "{", "}", "@", ",", "=", '"', "#", "(", " "]))
        text = text[:at] + insert + text[at + 1 :]
    return text


@settings(max_examples=600, deadline=None)
@given(bib_text)
def test_generated_bib_files_parse_as_pybtex_parses_them(text: str) -> None:
    assert outcome(PlainEntriesParser, text) == outcome(Parser, text)


@settings(max_examples=600, deadline=None)
@given(damaged())
def test_damaged_bib_files_parse_or_fail_as_with_pybtex(text: str) -> None:
    assert outcome(PlainEntriesParser, text) == outcome(Parser, text)


def entry_key(item: str) -> str:
    return item.split("{", 1)[1].split(",", 1)[0].strip().lower()


@settings(max_examples=300, deadline=None)
@given(st.lists(entry(plain=True), min_size=1, max_size=4, unique_by=entry_key))
def test_plain_entries_take_the_one_pass_path(entries: list[str]) -> None:
    """Entries without commands, undefined macros or stray braces are read in one pass."""
    text = "\n\n".join(entries)
    assert len(plain_entries(text, Parser().macros)) == len(entries)
    assert outcome(PlainEntriesParser, text) == outcome(Parser, text)


def test_site_bib_is_read_in_one_pass() -> None:
    text = (PROJECT / "refs.bib").read_text(encoding="utf-8")
    assert len(plain_entries(text, Parser().macros)) == 18
    assert outcome(PlainEntriesParser, text) == outcome(Parser, text)


def test_a_forked_reader_sends_the_parsed_files_back_without_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx's parallel readers pickle the environment back; the main process has the entries."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, author = {Mingze Wang}, title = {T}, year = {2025}}\n")
    parsed = parse_bibfiles([bib], "utf-8-sig")
    kept = pickle.loads(pickle.dumps(parsed))
    assert described(kept.data) == described(parsed.data) and list(kept.data.entries) == ["a"]
    monkeypatch.setattr(forks, "FORKED", [True])
    sent = pickle.loads(pickle.dumps(parsed))
    assert sent.bibfiles == parsed.bibfiles and len(sent.data.entries) == 0
    assert len(parsed.data.entries) == 1


def test_each_entry_gets_its_own_name_objects() -> None:
    """Names are parsed once per parser, but entries do not share Person objects."""
    data = PlainEntriesParser().parse_string(
        "@misc{a, author = {Mingze Wang}}\n@misc{b, author = {Mingze Wang}}"
    )
    first, second = (data.entries[key].persons["author"][0] for key in "ab")
    assert first == second and first is not second
    first.last_names.append("Jr")
    assert second.last_names == ["Wang"]
