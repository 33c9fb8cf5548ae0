"""Clean BibTeX records: what a reader copies or downloads to cite a paper.

A clean record keeps the standard BibTeX/biblatex fields only; the site's own
fields (markers, short venue, award, selection) stay private to refs.bib.
"""

from __future__ import annotations

from collections.abc import Iterable

from pybtex.database import Entry

#: Fields a clean record keeps (standard BibTeX, plus biblatex's eprint and state fields).
STANDARD_FIELDS = (
    "title",
    "booktitle",
    "journal",
    "howpublished",
    "series",
    "volume",
    "number",
    "pages",
    "publisher",
    "address",
    "organization",
    "school",
    "institution",
    "edition",
    "year",
    "month",
    "pagetotal",
    "pubstate",
    "note",
    "doi",
    "eprint",
    "archiveprefix",
    "primaryclass",
    "url",
)
PERSON_ROLES = ("author", "editor")
MONTH_MACROS = {
    name: name[:3].lower()
    for name in (
        "January February March April May June July August September October November December"
    ).split()
}


def _field_line(name: str, value: str) -> str:
    if name == "month" and value in MONTH_MACROS:
        return f"  {name} = {MONTH_MACROS[value]},"
    return f"  {name} = {{{value}}},"


def bibtex_record(entry: Entry) -> str:
    """The clean BibTeX record of *entry*, standard fields only, braces style."""
    lines = [f"@{entry.type}{{{entry.key},"]
    for role in PERSON_ROLES:
        if role in entry.persons:
            names = " and ".join(str(person) for person in entry.persons[role])
            lines.append(_field_line(role, names))
    fields = {name.lower(): value for name, value in entry.fields.items()}
    lines += [_field_line(name, fields[name]) for name in STANDARD_FIELDS if name in fields]
    lines.append("}")
    return "\n".join(lines)


def bibtex_file(entries: Iterable[Entry]) -> str:
    """A whole clean bibliography, one record per entry, in the given order."""
    return "\n\n".join(bibtex_record(entry) for entry in entries) + "\n"
