"""Formatted entries kept from one build to the next.

sphinxcontrib-bibtex formats every entry of every bibliography on each build,
on ``env-updated``, even when nothing changed, and then again for the
citation's tooltip. The site's style (:mod:`.style`) looks each entry up here
first, by its label and its content, so an entry is formatted once and then
only when it (or its label) changes.

The cache lives in the build environment, so Sphinx pickles it with the rest of
the environment. It is valid for one *signature*: the source of the modules that
decide how an entry reads and the owner's name; another signature starts empty.
After each ``env-updated`` it keeps only the entries that build used.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pybtex.database import Entry
from pybtex.style import FormattedEntry

from .forks import in_forked_process

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Modules whose code decides the text of a formatted entry.
FORMATTING_MODULES = ("style.py", "annotations.py")

#: Where the environment keeps the cache.
ENV_ATTRIBUTE = "research_site_formatted_entries"

#: A formatted entry's key here: its label and the digest of the entry's content.
CacheKey = tuple[str, str]


def entry_digest(entry: Entry) -> str:
    """A digest of everything pybtex parsed for *entry*: key, type, fields, names."""
    persons = tuple(
        (
            role,
            tuple(
                (
                    tuple(p.first_names),
                    tuple(p.middle_names),
                    tuple(p.prelast_names),
                    tuple(p.last_names),
                    tuple(p.lineage_names),
                )
                for p in people
            ),
        )
        for role, people in entry.persons.items()
    )
    content = (entry.key, entry.type, tuple(entry.fields.items()), persons)
    return hashlib.blake2b(repr(content).encode(), digest_size=16).hexdigest()


def style_signature(owner: str) -> str:
    """A digest of the formatting modules' source and the owner's name."""
    digest = hashlib.blake2b(owner.encode(), digest_size=16)
    for name in FORMATTING_MODULES:
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()


class FormattedEntries:
    """Formatted entries by ``(label, entry)``, matched on the entry's content."""

    def __init__(self, signature: str) -> None:
        self.signature = signature
        self._kept: dict[CacheKey, FormattedEntry] = {}
        self._used: dict[CacheKey, FormattedEntry] = {}
        self._digests: dict[int, tuple[Entry, str]] = {}

    def __getstate__(self) -> dict[str, object]:
        """Pickled with the entry objects whose digests are known, not their ``id``.

        The environment pickles the bibliography data and this cache together, so
        the entries come back as the very objects the domain holds (unchanged:
        nothing modifies parsed entries), and their digests need no computing.
        A forked reader sends it back empty: the main process has it (:mod:`.forks`).
        """
        if in_forked_process():
            return {**vars(self), "_kept": {}, "_used": {}, "_digests": []}
        return {**vars(self), "_digests": list(self._digests.values())}

    def __setstate__(self, state: dict[str, object]) -> None:
        known = cast("list[tuple[Entry, str]]", state.pop("_digests"))
        vars(self).update(state)
        self._digests = {id(entry): (entry, digest) for entry, digest in known}

    def digest(self, entry: Entry) -> str:
        """The digest of *entry* (computed once per entry object)."""
        known = self._digests.get(id(entry))
        if known is None or known[0] is not entry:
            known = self._digests[id(entry)] = (entry, entry_digest(entry))
        return known[1]

    def _key(self, key: tuple[str, Entry]) -> CacheKey:
        """The label and the entry's digest."""
        label, entry = key
        return label, self.digest(entry)

    def get(self, key: tuple[str, Entry]) -> FormattedEntry | None:
        """The entry formatted under the label, if known (it is then kept for the next build)."""
        cache_key = self._key(key)
        found = self._used.get(cache_key) or self._kept.get(cache_key)
        if found is not None:
            self._used[cache_key] = found
        return found

    def __getitem__(self, key: tuple[str, Entry]) -> FormattedEntry:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: tuple[str, Entry], value: FormattedEntry) -> None:
        self._used[self._key(key)] = value

    def __len__(self) -> int:
        return len(self._kept.keys() | self._used.keys())

    def keep_used(self) -> None:
        """Forget the entries this build did not ask for."""
        self._kept, self._used = self._used, {}
        used = {digest for _, digest in self._kept}
        self._digests = {i: known for i, known in self._digests.items() if known[1] in used}


def formatted_entries(env: BuildEnvironment, owner: str) -> FormattedEntries:
    """The environment's cache for *owner*'s style, a new one if the style changed."""
    signature = style_signature(owner)
    cache = getattr(env, ENV_ATTRIBUTE, None)
    if not isinstance(cache, FormattedEntries) or cache.signature != signature:
        cache = FormattedEntries(signature)
        setattr(env, ENV_ATTRIBUTE, cache)
    return cache


def digest_of(env: BuildEnvironment, entry: Entry) -> str:
    """The digest of *entry*, from the cache when there is one."""
    cache = getattr(env, ENV_ATTRIBUTE, None)
    return cache.digest(entry) if isinstance(cache, FormattedEntries) else entry_digest(entry)


def keep_used_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After sphinxcontrib-bibtex formatted the bibliographies: drop unused entries."""
    cache = getattr(env, ENV_ATTRIBUTE, None)
    if isinstance(cache, FormattedEntries):
        cache.keep_used()
    return []


def setup(app: Sphinx) -> None:
    """Prune the cache once per build, after the bibliographies are formatted."""
    app.connect("env-updated", keep_used_entries, priority=900)
