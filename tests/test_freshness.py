"""Never stale, reproducible, and the sources are never written.

An incremental build after an edit gives the same pages as a clean build of
the edited sources; two clean builds give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import build_project, copy_project, project_conf, project_papers

Edit = Callable[[Path], None]


def entries(text: str) -> list[str]:
    """refs.bib split before each entry (the first part is the file's preamble)."""
    return re.split(r"\n(?=@)", text)


def entry_of(blocks: list[str], key: str) -> int:
    return next(n for n, b in enumerate(blocks) if re.match(rf"@\w+\{{\s*{re.escape(key)},", b))


def edit_bib(change: Callable[[list[str]], None]) -> Edit:
    """Apply *change* to refs.bib's entries, in place."""

    def edit(root: Path) -> None:
        path = root / "refs.bib"
        blocks = entries(path.read_text(encoding="utf-8"))
        change(blocks)
        path.write_text("\n".join(blocks), encoding="utf-8")

    return edit


def edit_page(number: int, change: Callable[[str], str]) -> Edit:
    """Apply *change* to the text of the *number*-th research page (by name)."""

    def edit(root: Path) -> None:
        path = sorted(p for p in (root / "research").glob("*.md") if p.name != "index.md")[number]
        text = path.read_text(encoding="utf-8")
        changed = change(text)
        assert changed != text, f"nothing to edit in {path.name}"
        path.write_text(changed, encoding="utf-8")

    return edit


# What is edited comes from the project's own data, so that no edit depends on
# today's papers or wording: a researcher's own changes keep these tests green.
PAPERS = [paper.key for paper in project_papers().values()]
NEWEST, SECOND, THIRD = PAPERS[-1], PAPERS[1], PAPERS[2]
MARKED = next(p.key for p in project_papers().values() if "author+an" in p.fields)


def change_title(blocks: list[str]) -> None:
    n = entry_of(blocks, NEWEST)
    blocks[n] = re.sub(r"(title\s*=\s*\{)", r"\1The ", blocks[n], count=1)


def insert_before_second(blocks: list[str]) -> None:
    blocks.insert(entry_of(blocks, SECOND), INSERTED)


def remove_inserted(blocks: list[str]) -> None:
    """Remove the entry :func:`insert_before_second` put in (no page cites it)."""
    del blocks[entry_of(blocks, "wang2021inserted")]


def swap_second_and_third(blocks: list[str]) -> None:
    i, j = entry_of(blocks, SECOND), entry_of(blocks, THIRD)
    blocks[i], blocks[j] = blocks[j], blocks[i]


def change_markers(blocks: list[str]) -> None:
    n = entry_of(blocks, MARKED)
    blocks[n] = re.sub(r"author\+an\s*=\s*\{[^}]*\}", "author+an = {1=equal,lead}", blocks[n])


OWNER = project_conf()["research_site_owner"]

INSERTED = f"""@inproceedings{{wang2021inserted,
  author    = {{{OWNER} and Lei Wu}},
  author+an = {{1=lead}},
  title     = {{An Older Paper Added Later}},
  booktitle = {{Some Workshop}},
  year      = {{2021}},
}}
"""

APPENDED = f"""
@inproceedings{{wang2026appended,
  author        = {{{OWNER} and Lei Wu}},
  author+an     = {{1=lead}},
  title         = {{A Paper Appended at the End}},
  booktitle     = {{2026 Conference on Examples}},
  shortvenue    = {{CoE 2026}},
  year          = {{2026}},
  month         = jan,
  eprint        = {{2601.00001}},
  archiveprefix = {{arXiv}},
}}
"""

EDITS = [
    ("change a title", edit_bib(change_title)),
    ("insert an entry that renumbers", edit_bib(insert_before_second)),
    ("remove an entry", edit_bib(remove_inserted)),
    ("reorder entries", edit_bib(swap_second_and_third)),
    ("change markers", edit_bib(change_markers)),
    (
        "cite in a research page",
        edit_page(0, lambda text: text + f"\nMore {{cite:p}}`{NEWEST}`.\n"),
    ),
    (
        "rename a research page (navigation of every page)",
        edit_page(0, lambda text: re.sub(r"^# (.*)$", r"# \1, Renamed", text, count=1, flags=re.M)),
    ),
    (
        "append a paper as README says",
        lambda root: (root / "refs.bib").open("a", encoding="utf-8").write(APPENDED),
    ),
    (
        "remove a citation",
        edit_page(1, lambda text: re.sub(r"\s*\{cite:p\}`[^`]*`", "", text, count=1)),
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
    yield copy_project(tmp_path / "src")


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
