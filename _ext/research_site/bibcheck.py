"""refs.bib checked before anything is built: clear errors that name file and line.

sphinxcontrib-bibtex parses the bib files on ``builder-inited``; a syntax error
there ends the build with a pybtex traceback, a duplicate key only warns without
a line, and an entry without a title breaks later. This module parses the files
first (into sphinxcontrib-bibtex's own cache, so they are parsed once, by
:mod:`.bibparse`),
logs every problem it finds as ``refs.bib:LINE: ERROR: what is wrong: what to
do``, and then ends the build before anything is written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pybtex.database import BibliographyData, BibliographyDataError, Entry
from pybtex.scanner import PybtexSyntaxError
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from .annotations import ANNOTATION_FIELD, AnnotationError, parse_annotations
from .bibparse import parse_bibfiles
from .style import month_name

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.domain import BibtexDomain

ENTRY_START = re.compile(r"^[ \t]*@\s*(\w+)\s*[{(]\s*([^\s,]+)\s*,", re.M)
REQUIRED_FIELDS = ("title", "year")
NOT_ENTRIES = {"comment", "preamble", "string"}


logger = logging.getLogger(__name__)

#: A problem: where (file, line) and what is wrong, with what to do.
Problem = tuple[Path, int, str]


class BibliographyError(SystemExit):
    """Ends the build: refs.bib cannot be built from (its problems are logged).

    A SystemExit, as sphinx-build itself uses for bad input: a SphinxError would
    print a traceback and ask the user to report a bug in Sphinx.
    """


def entry_lines(text: str) -> list[tuple[str, int]]:
    """``(key, line)`` of every entry start in a bib file's *text*, in order."""
    found = []
    line, counted = 1, 0
    for match in ENTRY_START.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if match[1].lower() not in NOT_ENTRIES:
            found.append((match[2], line))
    return found


def duplicate_keys(path: Path, text: str) -> list[Problem]:
    """Problems for keys used twice (BibTeX keys ignore case)."""
    seen: dict[str, int] = {}
    problems = []
    for key, line in entry_lines(text):
        if key.lower() in seen:
            problems.append(
                (
                    path,
                    line,
                    f"duplicate key '{key}' (first used at line {seen[key.lower()]}): "
                    "give one of the two entries another key",
                )
            )
        else:
            seen[key.lower()] = line
    return problems


def syntax_problem(path: Path, text: str, error: PybtexSyntaxError) -> Problem:
    """The syntax error, with the entry it was found in."""
    line = error.lineno or 0
    before = [(key, start) for key, start in entry_lines(text) if start <= line]
    where = f" in entry '{before[-1][0]}' (line {before[-1][1]})" if before else ""
    return (
        path,
        line,
        f"syntax error{where}: {error.args[0] if error.args else error}; check that entry "
        "and the one before it for an unbalanced brace or a missing comma between fields",
    )


def data_problem(bibfiles: list[Path], error: BibliographyDataError) -> Problem:
    """pybtex's data error (a field given twice), at the line of the entry it names."""
    for path in bibfiles:
        for key, line in entry_lines(path.read_text(encoding="utf-8-sig")):
            if f"with key {key} has" in str(error):
                return (path, line, f"{error}: keep one of the two")
    return (bibfiles[0], 0, f"{error}: fix that entry")


def entry_problems(entry: Entry) -> list[str]:
    """What is missing or malformed in one entry."""
    where = f"entry '{entry.key}'"
    problems = [
        f"{where} has no {name}: add {name} = {{...}}"
        for name in REQUIRED_FIELDS
        if not entry.fields.get(name, "").strip()
    ]
    if not entry.persons.get("author"):
        problems.append(f"{where} has no author: add author = {{First Last and ...}}")
    year = entry.fields.get("year", "").strip()
    if year and not year.isdigit():
        problems.append(f"{where}: year '{year}' is not a number: write e.g. year = {{2025}}")
    if "month" in entry.fields:
        try:
            month_name(entry.fields["month"])
        except ValueError as exc:
            problems.append(f"{where}: month {exc}")
    if ANNOTATION_FIELD in entry.fields:
        try:
            parse_annotations(entry.fields[ANNOTATION_FIELD], len(entry.persons.get("author", [])))
        except AnnotationError as exc:
            problems.append(f"{where}: {ANNOTATION_FIELD}: {exc}")
    return problems


def check_entries(bibfiles: list[Path], data: BibliographyData) -> list[Problem]:
    """Problems of every entry, located by the line where it starts."""
    problems = []
    for path in bibfiles:
        for key, line in entry_lines(path.read_text(encoding="utf-8-sig")):
            if key in data.entries:
                problems += [(path, line, text) for text in entry_problems(data.entries[key])]
    return problems


def load_bibliography(app: Sphinx) -> None:
    """Parse and check the bib files; log each problem and end the build if any.

    Connected before sphinxcontrib-bibtex's own ``builder-inited`` handler,
    which then finds the parsed data up to date and does not parse again.
    """
    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    bibfiles = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    problems: list[Problem] = []
    for path in bibfiles:
        if not path.is_file():
            problems.append((path, 0, "no such file: fix bibtex_bibfiles in conf.py"))
            continue
        problems += duplicate_keys(path, path.read_text(encoding="utf-8-sig"))
    encoding = app.config.bibtex_encoding
    # Data kept from an earlier build (files unchanged) passed these checks when
    # it was parsed: a build that finds a problem stops before keeping anything.
    if not problems and is_bibdata_outdated(domain.bibdata, bibfiles, encoding):
        try:
            bibdata = parse_bibfiles(bibfiles, encoding)
        except PybtexSyntaxError as error:
            path = Path(error.filename) if error.filename else bibfiles[0]
            problems.append(syntax_problem(path, path.read_text(encoding="utf-8-sig"), error))
        except BibliographyDataError as error:
            problems.append(data_problem(bibfiles, error))
        else:
            problems += check_entries(bibfiles, bibdata.data)
            domain.data["bibdata"] = bibdata
    for path, line, text in problems:
        location = f"{path}:{line}" if line else str(path)
        logger.error(text, location=location, type="research_site", subtype="bibliography")
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        logger.error(f"build stopped: {count} in the bibliography (see above)")
        raise BibliographyError(2)


def setup(app: Sphinx) -> None:
    """Run the check before sphinxcontrib-bibtex reads the files (priority 500)."""
    app.connect("builder-inited", load_bibliography, priority=400)
