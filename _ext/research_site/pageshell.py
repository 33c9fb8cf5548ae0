"""Thousands of generated pages from one template render, rewritten only when changed.

Rendering one furo page costs milliseconds (navigation tree, template
inheritance), so a site with thousands of papers would spend most of its build
rendering paper pages that differ only in their name, title, head metadata and
body. :class:`PageShell` renders the page template once with placeholders for
those four, checks that filling it in gives the same HTML as a full render of a
real page, and then fills it in for each page. Where the check fails (another
theme, a name that is not URL-safe) the page goes through Sphinx's full render.

:class:`PageRecord` remembers, in the doctree directory, the digest of each
generated page's inputs, so a page whose inputs did not change is not written
again. :class:`PageWriter` writes the others, under ``-j`` in forked writers.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from markupsafe import Markup, escape
from sphinx.util import logging
from sphinx.util.parallel import ParallelTasks, parallel_available

from .gctuning import young_garbage_collected

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

logger = logging.getLogger(__name__)

#: Page names that need no quoting or escaping in URLs and HTML.
SAFE_NAME = re.compile(r"[A-Za-z0-9_.-]+")

#: Placeholders (letters only, so no template filter changes them).
NAME, TITLE, BODY = (f"ResearchSitePlaceholder{part}" for part in ("Name", "Title", "Body"))
#: The head's placeholder is a description, as every generated page has one
#: (so no ``html-page-context`` handler adds a default description to the shell).
HEAD = '<meta name="description" content="ResearchSitePlaceholderHead" />'
PLACEHOLDERS = re.compile(f"({NAME}|{TITLE}|{re.escape(HEAD)}|{BODY})")


@dataclass(frozen=True)
class GeneratedPage:
    """What differs between two generated pages of one folder."""

    name: str  # the last part of the page name, e.g. the entry key
    title: str  # plain text
    metatags: str  # HTML for the head, with a ``<meta name="description">``
    body: str  # HTML of the content


def template_title(title: str) -> str:
    """The ``title`` context value Sphinx templates expect: HTML-escaped text."""
    return str(escape(title))


class PageShell:
    """A page template rendered once, to be filled in per page of one folder."""

    def __init__(
        self,
        builder: StandaloneHTMLBuilder,
        folder: str,
        templatename: str,
        harden_body: Callable[[str], str],
        extra_context: dict[str, Any],
    ) -> None:
        self.builder = builder
        self.folder = folder
        self.templatename = templatename
        self.harden_body = harden_body
        self.extra_context = extra_context
        self.trusted: bool | None = None  # decided on the first page

    @cached_property
    def parts(self) -> list[str]:
        """The shell's HTML split at the placeholders (rendered on first use)."""
        return PLACEHOLDERS.split(self.render(NAME, TITLE, HEAD, BODY))

    @cached_property
    def digest(self) -> str:
        return hashlib.blake2b("".join(self.parts).encode(), digest_size=16).hexdigest()

    def context(self, title: str, metatags: str, body: str) -> dict[str, Any]:
        """The template context of a page."""
        return {**self.extra_context, "title": title, "metatags": metatags, "body": body}

    def render(self, name: str, title: str, metatags: str, body: str) -> str:
        """A full render by Sphinx (html-page-context and all) of one page."""
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp, "page.html")
            self.builder.handle_page(
                f"{self.folder}/{name}",
                self.context(title, metatags, body),
                self.templatename,
                outfilename=out,
            )
            return out.read_text(encoding=self.builder.config.html_output_encoding)

    def fill(self, page: GeneratedPage) -> str:
        """The page's HTML, from the shell."""
        values = {
            NAME: page.name,
            # as the templates write it: {{ title|striptags|e }}
            TITLE: str(escape(Markup(template_title(page.title)).striptags())),
            HEAD: page.metatags,
            BODY: self.harden_body(page.body),
        }
        return "".join(values.get(part, part) for part in self.parts)

    def html(self, page: GeneratedPage) -> str:
        """The page's HTML: from the shell when that is proven equal to a full render.

        The first page with a URL-safe name settles it; other names always get a
        full render.
        """
        safe = SAFE_NAME.fullmatch(page.name) is not None
        if safe and self.trusted:
            return self.fill(page)
        full = self.render(page.name, template_title(page.title), page.metatags, page.body)
        if safe and self.trusted is None:
            self.trusted = self.fill(page) == full
            if not self.trusted:
                logger.info(
                    "generated pages: filling the template shell does not give the full "
                    "render (theme or handler changed?); rendering each page in full"
                )
        return full


@dataclass(frozen=True)
class PageJob:
    """A page to write: where, the digest of its inputs, and what it is made from."""

    outfile: Path
    digest: str
    source: Any


#: Makes the pages of a sequence of jobs (together, so it can share work among them).
PageMaker = Callable[[Sequence[PageJob]], Sequence[GeneratedPage]]


#: Fewer pages than this are not worth other processes under ``-j``.
PARALLEL_MINIMUM = 200

#: Pages made together (the maker shares work among them, e.g. one render pass).
PAGES_PER_BATCH = 100


class FileWriter:
    """Writes files from a background thread, so the kernel's work on them overlaps ours.

    Only file writes run in the thread; at most :attr:`PENDING` pages wait for it.
    Leaving the ``with`` block waits for every write and raises the first error
    (unless the block itself raised).
    """

    PENDING = 64

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="research-site")
        self.slots = threading.BoundedSemaphore(self.PENDING)
        self.errors: list[BaseException] = []

    def _write(self, path: Path, text: str) -> None:
        try:
            path.write_text(text, encoding=self.encoding, errors="xmlcharrefreplace")
        except BaseException as exc:
            self.errors.append(exc)
        finally:
            self.slots.release()

    def write(self, path: Path, text: str) -> None:
        self.slots.acquire()
        self.executor.submit(self._write, path, text)

    def __enter__(self) -> FileWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        self.executor.shutdown(wait=True)
        if self.errors and exc_type is None:
            raise self.errors[0]


class PageWriter:
    """Writes generated pages and notes them in the record; under ``-j``, in the background."""

    def __init__(
        self,
        app: Sphinx,
        shell: PageShell,
        record: PageRecord,
        jobs: Sequence[PageJob],
        make_pages: PageMaker,
    ) -> None:
        self.make_pages = make_pages
        self.parallel = app.parallel if parallel_available else 1
        self.encoding = app.config.html_output_encoding
        self.shell = shell
        self.record = record
        self.jobs = jobs
        self.tasks: ParallelTasks | None = None

    def write(self, chunk: Sequence[PageJob]) -> list[tuple[Path, str]]:
        """Write the pages of *chunk*, made in batches; their files and digests."""
        with FileWriter(self.encoding) as files, young_garbage_collected() as collect:
            for first in range(0, len(chunk), PAGES_PER_BATCH):
                batch = chunk[first : first + PAGES_PER_BATCH]
                for job, page in zip(batch, self.make_pages(batch), strict=True):
                    job.outfile.parent.mkdir(parents=True, exist_ok=True)
                    files.write(job.outfile, self.shell.html(page))
                collect()
        return [(job.outfile, job.digest) for job in chunk]

    def note(self, chunk: object, written: list[tuple[Path, str]]) -> None:
        for outfile, digest in written:
            self.record.wrote(outfile, digest)

    def start(self) -> None:
        """Write the first page here (it settles whether the shell is trusted), then the rest.

        With ``-j N`` and many pages, the rest go to N - 1 forked writers, which
        run on while this process goes on resolving Sphinx's documents (as
        Sphinx's own writers do); :meth:`finish` waits for them.
        """
        if not self.jobs:
            return
        self.note(None, self.write(self.jobs[:1]))
        rest = self.jobs[1:]
        writers = self.parallel - 1  # app.parallel is 0 or 1 without -j
        if writers > 0 and len(rest) >= PARALLEL_MINIMUM:
            self.tasks = ParallelTasks(writers)
            size = -(-len(rest) // writers)  # one chunk per writer: all start now
            for first in range(0, len(rest), size):
                self.tasks.add_task(self.write, rest[first : first + size], self.note)
        else:
            self.note(None, self.write(rest))

    def finish(self) -> None:
        """Wait for the writers, and keep the record."""
        if self.tasks is not None:
            self.tasks.join()
        self.record.save()


class PageRecord:
    """Digests of the shell and of the inputs of the pages written by earlier builds."""

    def __init__(self, path: Path, enabled: bool = True) -> None:
        self.path = path
        self.written: dict[str, str] = {}
        self.shell_digest: str | None = None
        try:
            with path.open("rb") as file:
                loaded = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            loaded = None
        if not (enabled and isinstance(loaded, dict) and loaded.keys() == {"shell", "pages"}):
            loaded = {"shell": None, "pages": {}}
        self.previous_shell_digest: str | None = loaded["shell"]
        self.previous: dict[str, str] = loaded["pages"]

    def unchanged(self, outfile: Path, digest: str) -> bool:
        """Whether *outfile* exists and was written from inputs with this *digest*."""
        if self.previous.get(str(outfile)) == digest and outfile.is_file():
            self.written[str(outfile)] = digest
            return True
        return False

    def wrote(self, outfile: Path, digest: str) -> None:
        self.written[str(outfile)] = digest

    def save(self) -> None:
        """Keep the digests of this build's shell and pages (only), atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        with partial.open("wb") as file:
            record = {"shell": self.shell_digest, "pages": self.written}
            pickle.dump(record, file, pickle.HIGHEST_PROTOCOL)
        partial.replace(self.path)


def inputs_digest(*parts: object) -> str:
    """A digest of a page's inputs (their ``repr``)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def package_digest() -> str:
    """A digest of this extension's code, templates and static files, and of Sphinx's version."""
    digest = hashlib.blake2b(sphinx.__version__.encode(), digest_size=16)
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".css", ".js", ".sty"}:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
