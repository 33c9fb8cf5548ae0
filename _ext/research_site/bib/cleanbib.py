"""Clean BibTeX records, what a reader copies: standard fields under their BibTeX names,
no export noise, no DBLP homonym numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

from pybtex.database import Entry

from .dates import MONTHS, DateError, biblatex_date, parse_month
from .names import clean_person

#: Fields a clean record keeps, in this order (standard BibTeX, with arXiv's eprint fields).
STANDARD_FIELDS = (
    "title booktitle journal howpublished series volume number pages publisher address "
    "organization school institution edition year month pagetotal pubstate note doi eprint "
    "archiveprefix primaryclass url"
).split()

#: biblatex fields under their BibTeX names.
BIBTEX_NAMES = {"journaltitle": "journal", "eprinttype": "archiveprefix", "location": "address"}

#: biblatex entry types under their BibTeX names.
BIBTEX_TYPES = {"online": "misc", "report": "techreport", "thesis": "phdthesis"}

PERSON_ROLES = ("author", "editor")
MONTH_MACROS = {name: name[:3].lower() for name in MONTHS}


def _field_line(name: str, value: str) -> str:
    """``  name = {value},``; a month as BibTeX's macro (``sep``) where it names one."""
    if name == "month":
        try:
            return f"  {name} = {MONTH_MACROS[MONTHS[parse_month(value) - 1]]},"
        except DateError:
            pass
    return f"  {name} = {{{value}}},"


def bibtex_fields(entry: Entry) -> dict[str, str]:
    """The entry's standard fields under their BibTeX names, ``date`` as year and month."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    for biblatex, bibtex in BIBTEX_NAMES.items():
        if biblatex in fields and bibtex not in fields:  # ACM's location is not its address
            fields[bibtex] = fields[biblatex]
    date = fields.pop("date", "")
    if date and "year" not in fields:
        fields["year"], month = biblatex_date(date)
        if month and "month" not in fields:
            fields["month"] = MONTHS[int(month) - 1]
    return {name: fields[name] for name in STANDARD_FIELDS if name in fields}


def bibtex_record(entry: Entry) -> str:
    """The clean BibTeX record of *entry*, standard fields only, braces style."""
    type_ = BIBTEX_TYPES.get(entry.type.lower(), entry.type.lower())
    lines = [f"@{type_}{{{entry.key},"]
    for role in PERSON_ROLES:
        if role in entry.persons:
            names = " and ".join(str(clean_person(person)) for person in entry.persons[role])
            lines.append(_field_line(role, names))
    lines += [_field_line(name, value) for name, value in bibtex_fields(entry).items()]
    lines.append("}")
    return "\n".join(lines)


def bibtex_file(records: Iterable[str]) -> str:
    """A whole clean bibliography of *records* (:func:`bibtex_record`), in the given order."""
    return "\n\n".join(records) + "\n"
