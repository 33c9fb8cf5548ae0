"""Garbage collection tuned for one big build.

Python's cyclic garbage collector runs a full collection, walking every live
object, each time the objects that survived earlier collections grow by a
quarter. A build with thousands of papers keeps a large environment (the parsed
bibliography, the formatted entries) alive throughout, so each full collection
walked all of it again, many times over (about a fifth of the build's time).

- Generated pages are made in batches with the collector paused, and only the
  newest objects are collected after each batch (:func:`young_garbage_collected`).
  They were a third of the full collections. After them the HTML build only
  finishes, so what is alive then is frozen (:func:`freeze_rest_of_build`).
- From ``config-inited`` to ``builder-inited`` the collector is paused: the
  environment is loaded from disk and refs.bib parsed then, millions of new
  objects and no garbage, and each full collection on the way walked them all
  again (a no-change rebuild at 2,000 papers spent 0.35 s of its 2 s there).
  What is alive then is frozen without a collection (below). A build stopped
  by bad input in that span leaves the collector paused until the next build
  of the process reaches ``builder-inited``.
- What is alive once refs.bib is parsed (``builder-inited``: the bibliography,
  an environment loaded from disk) and again once the sources are read
  (``env-updated``) is frozen, after collecting the young objects: left out of
  later collections (and, under ``-j``, not copied by the forked writers
  walking it). A full collection there found nothing to free, so none is run.
  Documents kept for writing then stay in memory after they are written; they
  are small since entries and listing labels are written as HTML
  (:mod:`.entryhtml`): at 2,000 papers the peak memory is the same, the full
  collections' time a third.
- At ``build-finished`` the whole build is frozen: sphinx-build exits next,
  and the operating system takes the memory back at once, rather than Python's
  last collection freeing it object by object. A later build in the same
  process (tests, a server) unfreezes it first, and collects what it left.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: Whether the collector was enabled when :func:`pause_collection` paused it.
PAUSED: list[bool] = []


def freeze_alive() -> None:
    """Collect the young objects, then leave everything alive now out of collections."""
    gc.collect(1)
    gc.freeze()


def pause_collection(app: Sphinx, config: object) -> None:
    """Pause the collector while the environment is loaded and refs.bib parsed."""
    if not PAUSED:  # else a stopped build paused it, and kept the state it found
        PAUSED.append(gc.isenabled())
    gc.disable()


def freeze_parsed_bibliography(app: Sphinx) -> None:
    """Freeze what is alive; resume the collector if :func:`pause_collection` paused it.

    Paused, every object made since ``config-inited`` is still young, and
    collecting them would walk the whole loaded environment to find the few
    thousand that parsing left behind (under a megabyte at 2,000 papers):
    they are frozen with the rest instead.
    """
    if PAUSED:
        gc.freeze()
        if PAUSED.pop():
            gc.enable()
    else:
        freeze_alive()


def freeze_read_environment(app: Sphinx, env: BuildEnvironment) -> list[str]:
    freeze_alive()
    return []


@contextmanager
def young_garbage_collected() -> Iterator[Callable[[], object]]:
    """The collector paused while the block runs; it collects the newest objects on call.

    Making a batch of pages leaves its document trees as garbage (cycles of
    parent and child nodes). Collected on the collector's own schedule, they
    outlive a few young collections and wait for full ones. Collected after
    each batch, they are still young.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield lambda: gc.collect(0)
    finally:
        gc.collect(1)  # what is left of the block's objects, before they age further
        if enabled:
            gc.enable()


def freeze_rest_of_build() -> None:
    """Leave everything alive now out of the collections until the build ends."""
    gc.freeze()


def freeze_at_end(app: Sphinx, exception: Exception | None) -> None:
    freeze_rest_of_build()


def unfreeze_earlier_builds(app: Sphinx) -> None:
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


def setup(app: Sphinx) -> None:
    """Connect the handlers, around everything else on their events."""
    app.connect("config-inited", pause_collection, priority=1000)
    app.connect("builder-inited", unfreeze_earlier_builds, priority=0)
    # after sphinxcontrib-bibtex (500) and the style (600) on builder-inited
    app.connect("builder-inited", freeze_parsed_bibliography, priority=950)
    app.connect("env-updated", freeze_read_environment, priority=1000)
    app.connect("build-finished", freeze_at_end, priority=1000)
