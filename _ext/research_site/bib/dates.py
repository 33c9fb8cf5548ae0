"""Months and publication dates as the export tools write them (``Sept``, ``06--11 Aug``,
biblatex's ``date``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

MONTHS = (
    "January February March April May June July August September October November December"
).split()

DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?(?:/.*)?")


class DateError(ValueError):
    """A ``year``, ``month`` or ``date`` field that is not a date."""


def parse_month(value: str) -> int:
    """The month (1-12) of a ``month`` field."""
    text = value.strip()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    for word in re.findall(r"[A-Za-z]+", text):
        for number, name in enumerate(MONTHS, start=1):
            if len(word) >= 3 and name.casefold().startswith(word.casefold()):
                return number
    raise DateError(
        f"month '{value}' is not a month: use jan ... dec, an English name (full or "
        "abbreviated), 1-12, or a range such as '06--11 Aug'"
    )


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


def biblatex_date(value: str) -> tuple[str, str | None]:
    """``(year, month)`` of biblatex's ``date`` (``2024-05-13``, ``2024-05``, ``2024``)."""
    match = DATE.fullmatch(value.strip())
    if not match:
        raise DateError(f"date '{value}' is not a date: write e.g. date = {{2025-05}}")
    return match[1], match[2]


def publication_date(fields: Mapping[str, str]) -> PublicationDate:
    """The date of an entry's *fields*: ``year`` (and ``month``), or biblatex's ``date``."""
    year, month = fields.get("year", "").strip(), fields.get("month")
    if not year and "date" in fields:
        year, date_month = biblatex_date(fields["date"])
        month = month or date_month
    if not year.isdigit():
        raise DateError(
            f"year '{year}' is not a number: write e.g. year = {{2025}}"
            if year
            else "no year: add year = {...} (or biblatex's date = {...})"
        )
    return PublicationDate(int(year), parse_month(month) if month else None)
