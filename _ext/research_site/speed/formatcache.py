"""Formatted entries kept from one build to the next.

sphinxcontrib-bibtex formats every entry of every bibliography on each build
(``env-updated``), changed or not, and again for the citation's tooltip. The
site's style looks each entry up first in its library's ``format_cache`` (the
core's seam), by its label and its content; this module gives it one.
The cache lives in the build environment, which Sphinx pickles; it is valid for
one signature (the code of ``bib/`` and ``styles/`` and the owner's name) and
keeps, after each build, only the entries that build used. An entry's content
is compared only when the bib files changed since the last build.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pybtex.database import Entry
from pybtex.style import FormattedEntry

from ..bib.names import name_parts
from ..listings.domain import research_domain

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

    def attach(self, app: Sphinx) -> None:
        """Give this build's library the cache (once refs.bib is parsed)."""
        kept = getattr(app.env, ENV_ATTRIBUTE, None)
        if kept is not None:
            delattr(app.env, ENV_ATTRIBUTE)
        if not app.config.research_site_speed:
            return
        config = app.config
        signature = (
            f"{code_digest()}:{config.research_site_owner}:{config.research_site_author_limit}"
        )
        files = files_digest(app)
        if isinstance(kept, FormattedEntries) and kept.signature == signature:
            self.entries = kept
            kept.same_files, kept.files = kept.files == files, files
        else:
            self.entries = FormattedEntries(signature, files)
        research_domain(app.env).library.format_cache = self.entries

    def store(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """After sphinxcontrib-bibtex formatted the bibliographies: keep what was used."""
        if app.config.research_site_speed and self.entries is not None:
            self.entries.keep_used()
            setattr(env, ENV_ATTRIBUTE, self.entries)
        return []
