"""Work that libraries repeat for every citation or code block, done once.

- pybtex finds a plugin by name by scanning every installed package's entry
  points (about 10 ms each time), and sphinxcontrib-bibtex asks for the
  plaintext backend once per citation and for the default name style once per
  bibliography. Plugins registered at runtime are found first, so the ones the
  site uses are registered once, under their own names, as the classes their
  entry points name (imported: finding them would scan too; a test checks).
- Sphinx's ``PygmentsBridge`` builds a new Pygments ``HtmlFormatter`` (and its
  whole stylesheet) for every code block; the site has a BibTeX block per
  entry, on the list and again on the paper's page. :class:`ReusingPygmentsBridge`
  keeps one formatter per set of options and, for one build, the HTML of each
  block highlighted without a warning.
  Sphinx has no hook for this, so the HTML builder's ``highlighter`` attribute is
  replaced on ``builder-inited``; the highlighted HTML is the same.

- Jinja compiles every page template (furo's and the site's) in each process:
  a fifth of a no-change rebuild. The HTML builders' template environment is
  given Jinja's own bytecode cache, in the doctree directory (so a clean build
  starts without it), under a name made of what else shapes the compiled code
  (Jinja's version, the environment's class, extensions and autoescaping).
  Jinja keys each template by its name, file and source, and writes the cache
  files atomically (forked writers may write the same one). Off with
  ``research_site_caches = False``.

- sphinxcontrib-bibtex, to filter a bibliography, collects for every entry the
  pages citing it by scanning every citation (entries x citations, on every
  build, changed or not). :class:`IndexedBibtexDomain` is its domain with
  ``get_filtered_entries`` looking the pages up in an index made once per
  bibliography; the entries yielded are the same (a test compares).

The bridge and the domain are the two places the site patches a library. No
upstream issue was found for either (sphinx-doc/sphinx,
mcmtroffaes/sphinxcontrib-bibtex) when they were written; the reports to file
would ask ``PygmentsBridge.get_formatter`` to reuse formatters for equal
options, and ``get_filtered_entries`` to index the citations once.

(Garbage collection is tuned in :mod:`.gctuning`.)
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import pybtex.backends.plaintext
import pybtex.plugin
import pybtex.style.names.plain
import pybtex_docutils
import sphinx.highlighting
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.highlighting import PygmentsBridge
from sphinx.util import logging as sphinx_logging
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pybtex.database import Entry
    from pygments.formatter import Formatter
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.domain import BibliographyKey

#: The pybtex plugins sphinxcontrib-bibtex looks up while building, by (group, name):
#: the classes their packages' entry points name (finding those costs a scan too).
PYBTEX_PLUGINS: dict[tuple[str, str], type] = {
    ("pybtex.backends", "plaintext"): pybtex.backends.plaintext.Backend,
    ("pybtex.backends", "docutils"): pybtex_docutils.Backend,
    ("pybtex.style.names", "plain"): pybtex.style.names.plain.NameStyle,
}


def register_pybtex_plugins() -> None:
    """Register the plugins the build uses, so pybtex finds them at once."""
    for (group, name), plugin in PYBTEX_PLUGINS.items():
        pybtex.plugin.register_plugin(group, name, plugin, force=True)


class WarningCounter(logging.Handler):
    """Counts the records logged (Sphinx's highlighting warnings)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


HIGHLIGHTING_WARNINGS = WarningCounter()


class ReusingPygmentsBridge(PygmentsBridge):
    """Sphinx's Pygments bridge, with one formatter per set of options.

    It also remembers, for one build, the HTML of blocks that highlighted
    without a warning: a paper's BibTeX is shown on the list and on its page.
    """

    _formatters: dict[str, Formatter[str]]
    _highlighted: dict[str, str]
    _warnings: WarningCounter

    @classmethod
    def replacing(cls, bridge: PygmentsBridge) -> ReusingPygmentsBridge:
        """The same bridge (destination, style, options), reusing its formatters."""
        reusing = cls.__new__(cls)
        reusing.__dict__.update(vars(bridge))
        reusing._formatters = {}
        reusing._highlighted = {}
        reusing._warnings = HIGHLIGHTING_WARNINGS
        # sphinx.util.logging.getLogger(name) logs to "sphinx." + name
        highlighting = logging.getLogger(f"sphinx.{sphinx.highlighting.__name__}")
        if HIGHLIGHTING_WARNINGS not in highlighting.handlers:
            highlighting.addHandler(HIGHLIGHTING_WARNINGS)
        return reusing

    def get_formatter(self, **kwargs: Any) -> Formatter[str]:
        key = repr(sorted(kwargs.items()))
        if key not in self._formatters:
            self._formatters[key] = super().get_formatter(**kwargs)
        return self._formatters[key]

    def highlight_block(
        self,
        source: str,
        lang: str,
        opts: dict[str, Any] | None = None,
        force: bool = False,
        location: Any = None,
        **kwargs: Any,
    ) -> str:
        key = repr((source, lang, sorted((opts or {}).items()), force, sorted(kwargs.items())))
        if key in self._highlighted:
            return self._highlighted[key]
        warnings = self._warnings.count
        html = super().highlight_block(source, lang, opts, force, location, **kwargs)
        if self._warnings.count == warnings:
            self._highlighted[key] = html
        return html


def reuse_formatters(app: Sphinx) -> None:
    """Give the HTML builders (EPUB included) the reusing bridge."""
    builder = app.builder
    if isinstance(builder, StandaloneHTMLBuilder) and type(builder.highlighter) is PygmentsBridge:
        builder.highlighter = ReusingPygmentsBridge.replacing(builder.highlighter)


bibtex_logger = sphinx_logging.getLogger("sphinxcontrib.bibtex.domain")


class IndexedBibtexDomain(BibtexDomain):
    """sphinxcontrib-bibtex's domain, with the citing pages of each key indexed once."""

    def get_filtered_entries(
        self, bibliography_key: BibliographyKey
    ) -> Iterator[tuple[str, Entry]]:
        """sphinxcontrib-bibtex's, with the pages citing each entry from an index."""
        bibliography = self.bibliographies[bibliography_key]
        citing: dict[str, set[str]] = {}
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                citing.setdefault(target.key, set()).add(citation_ref.docname)
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            cited_docnames = citing.get(key, set())
            visitor = _FilterVisitor(
                entry=entry, docname=bibliography_key.docname, cited_docnames=cited_docnames
            )
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                bibtex_logger.warning(
                    f"syntax error in :filter: expression; {err}",
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="filter_syntax_error",
                )
                success = bool(cited_docnames)  # sphinxcontrib-bibtex's fallback
            if success or entry.key in bibliography.keys:
                yield key, entry


def bytecode_directory(environment: jinja2.Environment, doctreedir: Path) -> Path:
    """Where *environment*'s compiled templates are kept, named for its settings."""
    shape = repr(
        (
            jinja2.__version__,
            type(environment).__qualname__,
            sorted(environment.extensions),
            environment.autoescape,
            environment.optimized,
        )
    )
    return doctreedir / "jinja2-bytecode" / hashlib.sha256(shape.encode()).hexdigest()[:16]


def cache_compiled_templates(app: Sphinx) -> None:
    """Give the HTML builders' template environment a bytecode cache."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not app.config.research_site_caches:
        return
    if isinstance(environment, jinja2.Environment) and environment.bytecode_cache is None:
        directory = bytecode_directory(environment, Path(app.doctreedir))
        directory.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(directory))


def setup(app: Sphinx) -> None:
    """Register the plugins and the domain; connect the bridge's and the templates' caches."""
    register_pybtex_plugins()
    app.add_domain(IndexedBibtexDomain, override=True)
    app.connect("builder-inited", reuse_formatters)
    app.connect("builder-inited", cache_compiled_templates)
