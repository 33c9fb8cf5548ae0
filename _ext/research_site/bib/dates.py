"""Months and publication dates of entries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

MONTHS = (
    "January February March April May June July August September October November December"
).split()


class DateError(ValueError):
    """A ``year`` or ``month`` field that is not a date."""


def parse_month(value: str) -> int:
    """The month (1-12) of a ``month`` field: a name, its first three letters or a number."""
    text = value.strip()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    for number, name in enumerate(MONTHS, start=1):
        if text.casefold() in (name.casefold(), name[:3].casefold()):
            return number
    raise DateError(f"month '{value}' is not a month: use jan ... dec, a full English name or 1-12")


class PublicationDate(NamedTuple):
    """The year, and the month when the entry gives one."""

    year: int
    month: int | None

    def text(self) -> str:
        """``May 2025``, or ``2025``."""
        return f"{MONTHS[self.month - 1]} {self.year}" if self.month else str(self.year)

    def iso(self, separator: str = "-") -> str:
        """``2025-05`` (schema.org), ``2025/05`` (Highwire); the year alone without a month."""
        return f"{self.year}{separator}{self.month:02d}" if self.month else str(self.year)


def publication_date(fields: Mapping[str, str]) -> PublicationDate:
    """The date of an entry's *fields* (``year`` required, ``month`` optional)."""
    year = fields.get("year", "").strip()
    if not year.isdigit():
        raise DateError(
            f"year '{year}' is not a number: write e.g. year = {{2025}}"
            if year
            else "no year: add year = {...}"
        )
    month = fields.get("month")
    return PublicationDate(int(year), parse_month(month) if month else None)
