"""refs.bib read without the extension: the tests' own oracle for what it holds.

bibtexparser parses the file and pylatexenc decodes its LaTeX, so expectations
about papers (the seed's, and any a researcher appends) never come from the code
under test. The owner's papers are the entries an author of which is written as
the owner (case, accents and DBLP's homonym numbers aside), numbered in file order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import bibtexparser
from pylatexenc.latex2text import LatexNodes2Text

DECODE = LatexNodes2Text(math_mode="verbatim")


def plain(latex: str) -> str:
    """A field's text: LaTeX decoded, braces gone, white space folded (math kept as written)."""
    return " ".join(DECODE.latex_to_text(latex).replace("{", "").replace("}", "").split())


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def author_names(field: str) -> list[str]:
    """``First Last`` of each author, ``others`` left out, DBLP's ``0001`` dropped."""
    names = []
    for name in re.split(r"\s+and\s+", field.strip()):
        if name.strip() == "others":
            continue
        if "," in name:
            last, _, first = name.partition(",")
            name = f"{first} {last}"
        names.append(re.sub(r"\s+\d{4}$", "", plain(name)))
    return names


def page_name(key: str) -> str:
    """A paper page's file name, as README says: the key in lower-case ASCII, each run of
    other characters a hyphen, ``paper-`` before a name that does not start with a letter."""
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_key.lower()).strip("-")
    return (name if name[:1].isalpha() else f"paper-{name}".rstrip("-")) + ".html"


def name_words(name: str) -> tuple[str, ...]:
    """A name as compared: folded words, without periods (``W. E.`` ~ ``w e``)."""
    return tuple(fold(name).replace(".", " ").split())


@dataclass(frozen=True)
class BibPaper:
    """One of the owner's papers as refs.bib writes it."""

    number: int
    key: str
    title: str  # plain text; math kept as $...$
    authors: tuple[str, ...]
    fields: dict[str, str]  # as written, names in lower case


@cache
def owner_papers(path: Path, owner: str) -> dict[int, BibPaper]:
    """The owner's papers of the bib file *path*, by number (file order)."""
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    papers: dict[int, BibPaper] = {}
    for entry in library.entries:
        fields = {field.key.lower(): str(field.value) for field in entry.fields}
        authors = author_names(fields.get("author", ""))
        decision = fields.get("ownpaper", "").strip().lower()
        by_name = any(fold(name) == fold(owner) for name in authors)
        if decision in ("no", "false") or not (by_name or decision.isdigit()):
            continue
        number = len(papers) + 1
        title = plain(fields.get("title", ""))
        papers[number] = BibPaper(number, entry.key, title, tuple(authors), fields)
    return papers
