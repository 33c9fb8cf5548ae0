"""RIS records (``TY``, ``AU`` per author, ``TI``, venue, numbers, ``PY``, ``DA``, ``DO``,
``UR``, ``AB``), what Zotero, EndNote and Mendeley import.
"""

from __future__ import annotations

from .facts import EntryFacts
from .names import clean_person, name_parts
from .texts import field_plain, plain

#: RIS reference types by venue kind (:class:`.venues.Venue`).
RIS_TYPES = {"journal": "JOUR", "conference": "CONF", "thesis": "THES", "report": "RPRT"}
#: The tag of the venue's name by venue kind (else ``T2``, the proceedings' title).
RIS_VENUE_TAGS = {"journal": "JO", "thesis": "PB", "report": "PB"}
RIS_NUMBERS = {"volume": "VL", "issue": "IS", "firstpage": "SP", "lastpage": "EP"}


def ris_name(facts: EntryFacts, index: int) -> str:
    """``Last, First Middle`` of the *index*-th author."""
    person = clean_person(facts.authors[index].person)
    family = person.prelast_names + person.last_names
    given = name_parts(person)[0][: -len(family) or None]
    last = " ".join(field_plain(part) for part in family)
    return f"{last}, {' '.join(field_plain(part) for part in given)}" if given else last


def ris_record(facts: EntryFacts) -> str:
    """The RIS record of one paper (lines end with CRLF, as the format has it)."""
    lines = [("TY", RIS_TYPES.get(facts.venue.kind, "GEN"))]
    lines += [("AU", ris_name(facts, n)) for n, a in enumerate(facts.authors) if not a.is_others]
    lines.append(("TI", facts.title_plain))
    if facts.venue_plain:
        lines.append((RIS_VENUE_TAGS.get(facts.venue.kind, "T2"), facts.venue_plain))
    lines += [(RIS_NUMBERS[part], value) for part, value in facts.venue.numbers]
    lines.append(("PY", str(facts.date.year)))
    month = f"{facts.date.month:02d}" if facts.date.month else ""
    lines.append(("DA", f"{facts.date.year}/{month}//"))
    if facts.doi:
        lines.append(("DO", facts.doi))
    lines += [("UR", link.url) for link in facts.links if not link.local]
    if facts.abstract:
        lines.append(("AB", plain(facts.abstract)))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}".rstrip(" ") + "\r\n" for tag, value in lines)
