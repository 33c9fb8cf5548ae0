"""refs.bib checked before anything is built: it is parsed one step before
sphinxcontrib-bibtex (with its own ``process_bibdata``, pybtex's errors captured), each entry's
facts are checked, and every problem is logged as ``refs.bib:LINE: ERROR: what: what to do``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.errors
from pybtex.database.input.bibtex import DuplicateField
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated, process_bibdata

from ..adapter import keep_parsed_bibdata
from ..bib.facts import EntryError
from ..bib.library import Library
from ..listings.domain import cite_domain, research_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

ENTRY_START = re.compile(r"^[ \t]*@\s*(\w+)\s*[{(]\s*([^\s,]+)\s*,", re.M)
NOT_ENTRIES = {"comment", "preamble", "string"}

#: A problem: where (file, line; 0 if unknown) and what is wrong, with what to do.
Problem = tuple[Path, int, str]


class BibliographyError(SystemExit):
    """Ends the build: refs.bib cannot be built from (its problems are logged).

    A SystemExit, as sphinx-build itself uses for bad input: a SphinxError would
    print a traceback and ask the user to report a bug in Sphinx.
    """


def entry_lines(text: str) -> list[tuple[str, int]]:
    """``(key, line)`` of every entry start in a bib file's *text*, in order."""
    found, line, counted = [], 1, 0
    for match in ENTRY_START.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if match[1].lower() not in NOT_ENTRIES:
            found.append((match[2], line))
    return found


class BibFiles:
    """The bib files' texts and where each entry starts."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.lines = {path: entry_lines(path.read_text(encoding="utf-8-sig")) for path in paths}
        self.starts: dict[str, tuple[Path, int]] = {}
        for path, lines in self.lines.items():
            for key, line in lines:
                self.starts.setdefault(key.lower(), (path, line))

    def line_of(self, key: str) -> tuple[Path, int]:
        """Where the entry *key* starts (keys ignore case; the first, if used twice)."""
        return self.starts.get(key.lower(), (self.paths[0], 0))

    def duplicate_keys(self) -> list[Problem]:
        """Keys used twice (BibTeX keys ignore case)."""
        seen: dict[str, int] = {}
        problems = []
        for path, lines in self.lines.items():
            for key, line in lines:
                first = seen.setdefault(key.lower(), line)
                if first != line:
                    problems.append(
                        (
                            path,
                            line,
                            f"duplicate key '{key}' (first used at line {first}; keys ignore "
                            "case): keep one entry per paper; a different paper needs a "
                            "key of its own",
                        )
                    )
        return problems

    def located(self, error: PybtexError) -> Problem:
        """pybtex's *error*, at its line, with what to do."""
        if isinstance(error, PybtexSyntaxError):
            path = Path(error.filename) if error.filename else self.paths[0]
            line = error.lineno or 0
            before = [(k, start) for k, start in self.lines.get(path, []) if start <= line]
            where = f" in entry '{before[-1][0]}' (line {before[-1][1]})" if before else ""
            return (
                path,
                line,
                f"syntax error{where}: {error.args[0] if error.args else error}; check that "
                "entry and the one before it for an unbalanced brace or a missing comma "
                "between fields",
            )
        key = next(
            (k for lines in self.lines.values() for k, _ in lines if f" {k} " in f" {error} "),
            "",
        )
        path, line = self.line_of(key) if key else (self.paths[0], 0)
        advice = "keep one of the two" if isinstance(error, DuplicateField) else "fix that entry"
        return (path, line, f"{error}: {advice}")


def entry_problems(files: BibFiles, library: Library) -> list[Problem]:
    """What is missing or malformed in each entry, at the line where it starts."""
    problems = []
    for key in library.data.entries:
        try:
            library.facts(key)
        except EntryError as error:
            path, line = files.line_of(key)
            problems += [(path, line, f"entry '{key}': {text}") for text in error.problems]
    return problems


def identities(library: Library, key: str) -> list[tuple[str, str]]:
    """What names one paper: its arXiv id, DOI and title (normalised)."""
    facts = library.facts(key)
    title = re.sub(r"\W+", "", facts.title_plain.casefold())
    found = [
        ("arXiv id", facts.arxiv_id or ""),
        ("DOI", (facts.doi or "").lower()),
        ("title", title),
    ]
    return [(what, value) for what, value in found if value]


def clash_problems(files: BibFiles, library: Library) -> list[Problem]:
    """Two keys for one page name, and one paper under two keys."""
    problems: list[Problem] = []
    slugs: dict[str, str] = {}
    papers: dict[tuple[str, str], str] = {}
    for key in library.data.entries:
        first = slugs.setdefault(library.slug(key), key)
        if first != key:
            path, line = files.line_of(key)
            problems.append(
                (
                    path,
                    line,
                    f"entry '{key}' and entry '{first}' (line "
                    f"{files.line_of(first)[1]}) would share the page name '{library.slug(key)}': "
                    "change one of the keys",
                )
            )
        try:
            marks = identities(library, key)
        except EntryError:
            continue  # reported with the entry's own problems
        same = next(
            ((what, papers[(what, value)]) for what, value in marks if (what, value) in papers),
            None,
        )
        for mark in marks:
            papers.setdefault(mark, key)
        if same:
            what, other = same
            path, line = files.line_of(key)
            problems.append(
                (
                    path,
                    line,
                    f"entry '{key}' is the same paper as entry '{other}' "
                    f"(line {files.line_of(other)[1]}; same {what}): keep one entry per paper: "
                    "move this entry's venue fields (booktitle or journal, year, url, doi) into "
                    "the other and delete this one",
                )
            )
    return problems


def attachment_problems(files: BibFiles, library: Library, folder: Path) -> list[Problem]:
    """Files of the repository that entries link: each must exist, and no two may share a
    name (the site serves them side by side)."""
    problems: list[Problem] = []
    names: dict[str, str] = {}
    for key in library.data.entries:
        try:
            links = [link for link in library.facts(key).links if link.local]
        except EntryError:
            continue  # reported with the entry's own problems
        path, line = files.line_of(key)
        for link in links:
            first = names.setdefault(Path(link.url).name, link.url)
            if not (folder / link.url).is_file():
                problems.append(
                    (
                        path,
                        line,
                        f"entry '{key}': {link.field} = {{{link.url}}}: no such file: put it in "
                        "the repository (the path is from conf.py's folder) or give a URL",
                    )
                )
            elif first != link.url:
                problems.append(
                    (
                        path,
                        line,
                        f"entry '{key}': {link.url} and {first} share a file name: "
                        "rename one (the site serves them side by side)",
                    )
                )
    return problems


def load_bibliography(app: Sphinx) -> None:
    """Parse and check the bib files; log each problem and end the build if any.

    Data kept from an earlier build (files unchanged) passed these checks when
    it was parsed: a build that finds a problem stops before keeping anything.
    """
    domain = cite_domain(app.env)
    paths = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    encoding = app.config.bibtex_encoding
    problems: list[Problem] = [
        (path, 0, "no such file: fix bibtex_bibfiles in conf.py")
        for path in paths
        if not path.is_file()
    ]
    if not problems:
        if not is_bibdata_outdated(domain.bibdata, paths, encoding):
            return
        files = BibFiles(paths)
        problems = files.duplicate_keys()
        # pybtex raises its first error, or warns; captured, every error is kept, with its line
        with pybtex.errors.capture() as errors:
            bibdata = process_bibdata(domain.bibdata, paths, encoding)
        # a repeated key is reported above, with the line of its first use
        problems += [files.located(error) for error in errors if not is_repeated_key(error)]
        if not problems:
            keep_parsed_bibdata(domain, bibdata)  # sphinxcontrib-bibtex's handler finds it current
            library = research_domain(app.env).library
            problems = entry_problems(files, library) + clash_problems(files, library)
            problems += attachment_problems(files, library, Path(app.confdir))
    report(problems)


def is_repeated_key(error: PybtexError) -> bool:
    """pybtex's error for a key used twice (it has no line)."""
    return str(error).startswith("repeated bibliography entry")


def report(problems: list[Problem]) -> None:
    """Log each problem at its file and line, and end the build if there is any."""
    for path, line, text in problems:
        location = f"{path}:{line}" if line else str(path)
        logger.error(text, location=location, type="research_site", subtype="bibliography")
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        logger.error(f"build stopped: {count} in the bibliography (see above)")
        raise BibliographyError(2)
