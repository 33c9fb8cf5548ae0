"""Byte-identical EPUBs: with ``SOURCE_DATE_EPOCH`` set, the zip is rewritten with that
time on every member (order, stored ``mimetype`` and compression kept).
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ZipDate = tuple[int, int, int, int, int, int]


def source_date() -> ZipDate | None:
    """``SOURCE_DATE_EPOCH`` as a zip date (never before 1980, zip's epoch)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return max(time.gmtime(int(value))[:6], (1980, 1, 1, 0, 0, 0))


def normalise_zip(path: Path, date_time: ZipDate) -> None:
    """Rewrite the zip at *path* with *date_time* on every member."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    temporary = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(temporary, "w") as target:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    temporary.replace(path)


def normalise_epub(app: Sphinx, exception: Exception | None) -> None:
    """After an EPUB build, give its members the source date."""
    date_time = source_date()
    if exception is not None or date_time is None or app.builder.name != "epub":
        return
    for epub in Path(app.outdir).glob("*.epub"):
        normalise_zip(epub, date_time)
