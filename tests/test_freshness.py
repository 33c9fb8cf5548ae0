"""Never stale, reproducible, and the sources are never written.

An incremental build after an edit gives the same pages as a clean build of
the edited sources; two clean builds give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import PROJECT, build_project

Edit = Callable[[Path], None]


def edit_file(relpath: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / relpath
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relpath}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def swap_entries(first: str, second: str) -> Edit:
    """Swap two whole entries of refs.bib (renumbers both)."""

    def edit(root: Path) -> None:
        path = root / "refs.bib"
        text = path.read_text(encoding="utf-8")
        blocks = text.split("\n@")
        i = next(n for n, b in enumerate(blocks) if b.split("{", 1)[1].startswith(first + ","))
        j = next(n for n, b in enumerate(blocks) if b.split("{", 1)[1].startswith(second + ","))
        blocks[i], blocks[j] = blocks[j], blocks[i]
        path.write_text("\n@".join(blocks), encoding="utf-8")

    return edit


def remove_entry(key: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / "refs.bib"
        blocks = path.read_text(encoding="utf-8").split("\n@")
        kept = [b for b in blocks if not b.split("{", 1)[-1].startswith(key + ",")]
        assert len(kept) == len(blocks) - 1
        path.write_text("\n@".join(kept), encoding="utf-8")

    return edit


INSERTED = """@inproceedings{wang2021inserted,
  author    = {Mingze Wang and Lei Wu},
  author+an = {1=lead},
  title     = {An Older Paper Added Later},
  booktitle = {Some Workshop},
  year      = {2021},
}

@inproceedings{wang2022early,"""

APPENDED = """
@inproceedings{wang2026appended,
  author        = {Mingze Wang and Lei Wu},
  author+an     = {1=lead},
  title         = {A Paper Appended at the End},
  booktitle     = {2026 Conference on Examples},
  shortvenue    = {CoE 2026},
  year          = {2026},
  month         = jan,
  eprint        = {2601.00001},
  archiveprefix = {arXiv},
}
"""

EDITS = [
    ("change a title", edit_file("refs.bib", "Powering Gradients", "Powering the Gradients")),
    (
        "insert an entry that renumbers",
        edit_file("refs.bib", "@inproceedings{wang2022early,", INSERTED),
    ),
    ("remove an entry", remove_entry("huang2024detectors")),
    ("reorder entries", swap_entries("wang2022early", "wu2022alignment")),
    (
        "change markers",
        edit_file(
            "refs.bib",
            "{1=equal; 2=equal},\n  title         = {A Mech",
            "{2=equal,lead},\n  title         = {A Mech",
        ),
    ),
    (
        "cite in a research page",
        edit_file(
            "research/optimization.md",
            "{cite:p}`wang2024margin`.\n\n## Non",
            "{cite:p}`wang2024margin,wang2021inserted`.\n\n## Non",
        ),
    ),
    (
        "rename a research page (navigation of every page)",
        edit_file(
            "research/optimization.md",
            "# Non-convex and Convex Optimization",
            "# Convex and Non-convex Optimization",
        ),
    ),
    (
        "append a paper as README says",
        lambda root: (root / "refs.bib").open("a", encoding="utf-8").write(APPENDED),
    ),
    (
        "remove a citation",
        edit_file(
            "research/transformers-llms.md",
            "; the mechanisms of in-context\nlearning {cite:p}`wang2025rich`",
            "",
        ),
    ),
]


def pages(outdir: Path) -> dict[str, bytes]:
    """Every page and download a reader gets, and the search index's content."""
    found = {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".bib", ".xml"}
    }
    found["searchindex.js"] = search_index(outdir / "searchindex.js")
    return found


def search_index(path: Path) -> bytes:
    """The search index without terms that match no page.

    Sphinx's incremental index keeps a removed word with an empty page list;
    that is its own variation (nothing is found either way), masked here.
    """
    text = path.read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for kind in ("terms", "titleterms"):
        index[kind] = {term: docs for term, docs in index[kind].items() if docs != []}
    return json.dumps(index, sort_keys=True).encode()


@pytest.fixture
def project_copy(tmp_path: Path) -> Iterator[Path]:
    src = tmp_path / "src"
    shutil.copytree(
        PROJECT,
        src,
        ignore=shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", "tests", "bench"),
    )
    yield src


def test_incremental_builds_equal_clean_builds(project_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "incremental"
    first = build_project(project_copy, out)
    assert first.warnings == ""
    for n, (name, edit) in enumerate(EDITS):
        edit(project_copy)
        incremental = build_project(project_copy, out, fresh=False)
        clean = build_project(project_copy, tmp_path / f"clean{n}")
        assert incremental.warnings == clean.warnings == "", name
        got, want = pages(incremental.outdir), pages(clean.outdir)
        assert got.keys() == want.keys(), name
        stale = [page for page in want if got[page] != want[page]]
        assert stale == [], f"after '{name}' these pages are stale: {stale}"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_clean_builds_are_byte_identical(
    builder: str, project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748736000")
    before = tree_digest(project_copy)
    one = build_project(project_copy, tmp_path / "one" / builder, builder=builder)
    two = build_project(project_copy, tmp_path / "two" / builder, builder=builder)
    assert one.warnings == two.warnings == ""
    assert tree_digest(one.outdir) == tree_digest(two.outdir)
    assert tree_digest(project_copy) == before, "a build wrote into the sources"
    assert not (project_copy / "_build").exists()
