"""Paper pages written only when what they are made of changed, and under ``-j`` in parallel.

Each paper page written is recorded with a digest of its inputs (the entry's
content, label, citing sections and their titles, the list's page, the owner,
the extension's code and Sphinx's version) in the doctree folder. On the core's
``research-site-paper-pages`` event, a page whose digest is unchanged and whose
file exists is kept, as long as the site around it (settings, theme, templates,
navigation) is unchanged too. When Sphinx writes none of its documents, their
settings and templates did not change; when it writes some, the first unchanged
paper page is written again and compared with its file, to tell: all paper pages
share what surrounds their own content. Under ``-j N`` the pages to write are
written by N of Sphinx's parallel workers, as Sphinx writes its documents.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

import sphinx
from sphinx.util.parallel import ParallelTasks, parallel_available

from ..listings.domain import research_domain
from ..listings.freshness import changed
from ..pages.paper_pages import PAPER_TEMPLATE, PaperPage, paper_context
from .formatcache import entry_digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

#: The record, in the doctree folder (a clean build starts without it).
RECORD_FILE = "research-site-paper-pages.json"

#: The record's entry for the extension's code.
PACKAGE = ":package"

#: Fewer pages than this are not worth starting parallel workers for.
PARALLEL_MINIMUM = 100


@cache
def package_digest() -> str:
    """A digest of the extension's code, templates and static files, and Sphinx's version."""
    digest = hashlib.blake2b(sphinx.__version__.encode(), digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".css", ".js", ".sty"}:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_digest(app: Sphinx, page: PaperPage) -> str:
    """A digest of what *page* is made of, besides the site around it."""
    entry = research_domain(app.env).library.entry(page.key)
    config = app.config
    # every field of the page but the formatted entry, which the entry and its label make
    parts = [getattr(page, field.name) for field in fields(page) if field.name != "formatted"]
    owner = (config.research_site_owner, config.research_site_owner_aliases)
    inputs = (package_digest(), owner, entry_digest(entry), *parts)
    return hashlib.blake2b(repr(inputs).encode(), digest_size=16).hexdigest()


def write_pages(job: tuple[Sphinx, Sequence[PaperPage]]) -> None:
    """Render and write the pages of *job* (an application and its pages), in this process."""
    app, pages = job
    for page in pages:
        app.builder.handle_page(page.pagename, paper_context(app, page), PAPER_TEMPLATE)  # type: ignore[attr-defined]


class PaperPageRecord:
    """The digests of the paper pages written by the last build of one application."""

    def __init__(self) -> None:
        self.written: dict[str, str] | None = None  # this build's, saved when it ends well
        self.documents_written = 0

    def note_document(self, app: Sphinx, doctree: object, docname: str) -> None:
        """Count the documents Sphinx writes (``doctree-resolved``)."""
        self.documents_written += 1

    def load(self, app: Sphinx) -> dict[str, str]:
        try:
            loaded = json.loads(Path(app.doctreedir, RECORD_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def nothing_changed(self, app: Sphinx, previous: dict[str, str]) -> bool:
        """Whether no page can have changed: Sphinx writes no document, and neither the
        extension nor anything the pages are made of changed (then no digest is needed)."""
        inputs = ("bib", "places", "pages", "navigation")
        return (
            not self.documents_written
            and previous.get(PACKAGE) == package_digest()
            and not any(changed(app.env, what) for what in inputs)
        )

    def take_care(self, app: Sphinx, pages: list[PaperPage]) -> set[str] | None:
        """The pages kept from the last build, or written here in parallel."""
        if not app.config.research_site_speed:
            return None
        previous, builder = self.load(app), cast("StandaloneHTMLBuilder", app.builder)
        if self.nothing_changed(app, previous):
            self.written = previous
            return {p.pagename for p in pages if Path(builder.get_outfilename(p.pagename)).exists()}
        self.written = {page.pagename: inputs_digest(app, page) for page in pages}
        self.written[PACKAGE] = package_digest()
        unchanged = [
            page
            for page in pages
            if previous.get(page.pagename) == self.written[page.pagename]
            and Path(builder.get_outfilename(page.pagename)).is_file()
        ]
        if unchanged and self.documents_written:  # did the site around the pages change?
            outfile = Path(builder.get_outfilename(unchanged[0].pagename))
            before = outfile.read_bytes()
            write_pages((app, unchanged[:1]))
            if outfile.read_bytes() != before:
                unchanged = unchanged[:1]  # it did: the others are written anew
        done = {page.pagename for page in unchanged}
        rest = [page for page in pages if page.pagename not in done]
        workers = app.parallel if parallel_available else 1
        if workers > 1 and len(rest) >= PARALLEL_MINIMUM:
            tasks = ParallelTasks(workers)
            for n in range(workers):
                tasks.add_task(write_pages, (app, rest[n::workers]))
            tasks.join()
            done.update(page.pagename for page in rest)
        return done

    def save(self, app: Sphinx, exception: Exception | None) -> None:
        """Keep this build's digests (a failed build keeps nothing), for the next build."""
        path = Path(app.doctreedir, RECORD_FILE)
        if not app.config.research_site_speed:
            path.unlink(missing_ok=True)  # pages written without the record: it is out of date
        elif exception is None and self.written is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(self.written, sort_keys=True), encoding="utf-8")
        self.written, self.documents_written = None, 0
