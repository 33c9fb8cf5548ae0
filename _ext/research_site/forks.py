"""What a process forked from the build sends back: only what it made.

Under ``-j N`` Sphinx forks readers, which pickle their whole environment back
to the main process; the main process merges from it only what they read (the
documents' data, the bibliographies and citations in them). What the readers
inherited by the fork -- the parsed bib files, the formatted entries -- the
main process already has: objects that hold it pickle without it when
:func:`in_forked_process` (at 2,000 papers, 84,000 objects per reader were
sent back, unpickled, merged and collected as garbage).
"""

from __future__ import annotations

import os

#: Holds True in a process forked from the build (Sphinx's readers and writers).
FORKED: list[bool] = []
os.register_at_fork(after_in_child=lambda: FORKED.append(True))


def in_forked_process() -> bool:
    """Whether this process was forked from the one that started the build."""
    return bool(FORKED)
