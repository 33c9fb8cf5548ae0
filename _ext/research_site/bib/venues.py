"""Where an entry appeared, read the way its type needs (journal, proceedings, thesis,
report, other); arXiv and CoRR "journals" are preprints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from pybtex.database import Entry
from pybtex.richtext import Tag, Text

from .links import arxiv_id
from .texts import UNBROKEN_TAG, field_plain, field_text, plain

#: ``pubstate`` values (biblatex) and how the venue line shows them.
PUBSTATE_TEXT = {
    "submitted": "Under review",
    "inpress": "In press",
    "forthcoming": "Forthcoming",
    "inpreparation": "In preparation",
    "prepublished": "Preprint",
}

ARXIV_VENUE = re.compile(r"(arxiv\b.*|corr)", re.I)
THESIS_TYPES = {"phdthesis": "Ph.D. thesis", "mastersthesis": "Master's thesis"}
BIBLATEX_THESIS_TYPES = {"phdthesis": "Ph.D. thesis", "mathesis": "Master's thesis"}
PREPRINT = "arXiv preprint"


@dataclass(frozen=True, eq=False)
class Venue:
    """Where an entry appeared, and its state when it has not yet."""

    source: str | None  # the field naming it (LaTeX), e.g. booktitle
    short: str | None  # the site's ``shortvenue``
    kind: str  # "journal", "conference", "thesis", "report" or "other"
    status: str | None  # e.g. "Under review"
    before: str | None = None  # e.g. "Ph.D. thesis", before the name
    details: tuple[str, ...] = ()  # e.g. "vol. 235", "pp. 1–20"
    numbers: tuple[tuple[str, str], ...] = ()  # ("volume", "235"), ("firstpage", "1"), ...

    @cached_property
    def name(self) -> Text | None:
        return field_text(self.source) if self.source else None

    def items(self) -> list[Text]:
        """``Ph.D. thesis``, ``Name (Short)``, ``vol. 2``, ..., ``Status``: those given."""
        items = [Text(self.before)] if self.before else []
        if self.name:
            short = (" (", Tag(UNBROKEN_TAG, self.short), ")") if self.short else ()
            items.append(Text(self.name, *short))
        items += [Text(detail) for detail in self.details]
        return items + ([Text(self.status)] if self.status else [])

    def ends_with_year(self, year: int) -> bool:
        """Whether the name already ends with *year* (DBLP's long booktitles)."""
        return bool(self.name) and re.search(rf"\b{year}\W*$", plain(self.name)) is not None


def details(fields: dict[str, str]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """``vol. 2``, ``no. 3``, ``pp. 1–9`` (or ``p. 7``), those the entry gives, and
    the same as ``(volume|issue|firstpage|lastpage, value)`` pairs."""
    shown, numbers = [], []
    for name, part, prefix in (("volume", "volume", "vol."), ("number", "issue", "no.")):
        if fields.get(name):
            shown.append(f"{prefix} {field_plain(fields[name])}")
            numbers.append((part, field_plain(fields[name])))
    if fields.get("pages"):
        pages = re.sub(r"\s*[-\u2013]+\s*", "\u2013", field_plain(fields["pages"]))
        first, dash, last = pages.partition("\u2013")
        shown.append(f"{'pp.' if dash else 'p.'} {pages}")
        numbers += [("firstpage", first)] + ([("lastpage", last)] if last else [])
    return tuple(shown), tuple(numbers)


def entry_venue(entry: Entry) -> Venue:
    """The venue of *entry*, as its type needs."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    kind, before, source = "other", None, None
    journal = fields.get("journal") or fields.get("journaltitle")
    type_ = entry.type.lower()
    found: tuple[tuple[str, ...], tuple[tuple[str, str], ...]] = ((), ())
    if type_ in (*THESIS_TYPES, "thesis"):
        kind, source = "thesis", fields.get("school") or fields.get("institution")
        thesis_type = fields.get("type", "").strip()
        before = THESIS_TYPES.get(type_) or BIBLATEX_THESIS_TYPES.get(thesis_type.lower())
        before = before or (field_plain(thesis_type) if thesis_type else "Thesis")
    elif type_ in ("techreport", "report"):
        kind, source = "report", fields.get("institution")
        number = fields.get("number", "").strip()
        before = f"Technical report {field_plain(number)}" if number else "Technical report"
    elif journal and ARXIV_VENUE.fullmatch(field_plain(journal)):
        source = PREPRINT
    elif journal:
        kind, source, found = "journal", journal, details(fields)
    elif fields.get("booktitle"):
        kind, source, found = "conference", fields["booktitle"], details(fields)
    else:
        howpublished = fields.get("howpublished", "")
        source = howpublished if howpublished and "://" not in howpublished else None
        source = source or fields.get("publisher")
    pubstate = fields.get("pubstate", "").strip().lower()
    if source is None and kind == "other" and not pubstate and arxiv_id(fields):
        source = PREPRINT
    status = PUBSTATE_TEXT.get(pubstate, pubstate.capitalize()) if pubstate else None
    return Venue(source, fields.get("shortvenue"), kind, status, before, *found)
