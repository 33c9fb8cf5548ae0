"""Formatted entries kept from one build to the next.

sphinxcontrib-bibtex formats every entry of every bibliography on each build
(``env-updated``), changed or not, and again for the citation's tooltip. The
style registered here is the site's style (as ``research_site`` registered it
for this build) that looks each entry up first, by its label and its content.
The cache lives in the build environment, which Sphinx pickles; it is valid for
one signature (the code of ``bib/`` and ``styles/`` and the owner's name) and
keeps, after each build, only the entries that build used. An entry's content
is compared only when the bib files changed since the last build.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pybtex.plugin
from pybtex.database import Entry
from pybtex.style import FormattedEntry

from ..bib.names import name_parts
from ..styles.formatting import STYLE_NAME, ResearchStyle

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Where the environment keeps the cache.
ENV_ATTRIBUTE = "research_site_formatted_entries"

#: The folders whose code decides how an entry reads.
FORMATTING_CODE = ("bib", "styles")


def entry_digest(entry: Entry) -> str:
    """A digest of everything pybtex parsed for *entry*: key, type, fields, names."""
    persons = [
        (role, [name_parts(person) for person in people]) for role, people in entry.persons.items()
    ]
    content = (entry.key, entry.type, list(entry.fields.items()), persons)
    return hashlib.blake2b(repr(content).encode(), digest_size=16).hexdigest()


@cache
def code_digest() -> str:
    """A digest of the code that formats entries, and of this cache's own."""
    digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for folder in FORMATTING_CODE:
        for path in sorted((package / folder).glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


class FormattedEntries:
    """Formatted entries by label and key, with the digest of the entry they were made from.

    When the bib files are as they were (``same_files``), an entry's key and
    label find it; otherwise its content must match too.
    """

    def __init__(self, signature: str, files: str) -> None:
        self.signature, self.files, self.same_files = signature, files, False
        self.kept: dict[tuple[str, str], tuple[str, FormattedEntry]] = {}
        self.used: dict[tuple[str, str], tuple[str, FormattedEntry]] = {}

    def get(self, label: str, entry: Entry) -> FormattedEntry | None:
        """The entry formatted under *label*, if known (then kept for the next build too)."""
        found = self.used.get((label, entry.key)) or self.kept.get((label, entry.key))
        if found is None or not (self.same_files or found[0] == entry_digest(entry)):
            return None
        self.used[label, entry.key] = found
        return found[1]

    def put(self, label: str, entry: Entry, formatted: FormattedEntry) -> None:
        self.used[label, entry.key] = (entry_digest(entry), formatted)

    def keep_used(self) -> None:
        """Forget the entries this build did not ask for."""
        self.kept, self.used = self.used, {}


def cached_style(style: type[ResearchStyle], cache: FormattedEntries) -> type[ResearchStyle]:
    """*style*, looking entries up in *cache* before formatting them."""

    def format_entry(
        self: ResearchStyle, label: str, entry: Entry, bib_data: object = None
    ) -> FormattedEntry:
        found = cache.get(label, entry)
        if found is None:
            found = style.format_entry(self, label, entry, bib_data)
            cache.put(label, entry, found)
        return found

    return cast(
        "type[ResearchStyle]", type(style.__name__, (style,), {"format_entry": format_entry})
    )


def files_digest(app: Sphinx) -> str:
    """A digest of the bib files' content."""
    digest = hashlib.blake2b(digest_size=16)
    for name in app.config.bibtex_bibfiles:
        path = Path(app.confdir, name)
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


class EntryCache:
    """The formatted entries of one Sphinx application's builds.

    Between ``builder-inited`` and ``env-updated`` the cache is off the
    environment: under ``-j``, Sphinx's forked readers pickle the whole
    environment back, and the main process has the cache already.
    """

    def __init__(self) -> None:
        self.entries: FormattedEntries | None = None

    def register_style(self, app: Sphinx) -> None:
        """Register the site's style, bound to this build, with the cache in front of it."""
        kept = getattr(app.env, ENV_ATTRIBUTE, None)
        if kept is not None:
            delattr(app.env, ENV_ATTRIBUTE)
        if not app.config.research_site_speed:
            return
        signature, files = f"{code_digest()}:{app.config.research_site_owner}", files_digest(app)
        if isinstance(kept, FormattedEntries) and kept.signature == signature:
            self.entries = kept
            kept.same_files, kept.files = kept.files == files, files
        else:
            self.entries = FormattedEntries(signature, files)
        style = pybtex.plugin.find_plugin("pybtex.style.formatting", STYLE_NAME)
        cached = cached_style(style, self.entries)
        pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, cached, force=True)

    def store(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """After sphinxcontrib-bibtex formatted the bibliographies: keep what was used."""
        if app.config.research_site_speed and self.entries is not None:
            self.entries.keep_used()
            setattr(env, ENV_ATTRIBUTE, self.entries)
        return []
