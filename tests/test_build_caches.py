"""The build's caches and shortcuts change nothing in the output.

With ``research_site_caches = False`` every entry is formatted afresh, every paper
page goes through Sphinx's full page render on its own, listing labels are
resolved by sphinxcontrib-bibtex, entries and labels are translated from docutils
nodes, and every page is written; the default build writes entries and labels
straight to HTML (:mod:`research_site.entryhtml`), formats each entry once,
renders paper bodies together, fills one template render per paper page
(:mod:`research_site.pageshell`), resolves listing labels
itself (:mod:`research_site.listingrefs`) and skips unchanged pages. Both give
the same files, byte for byte, including for awkward titles and keys.
"""

from __future__ import annotations

import ast
import gc
import pickle
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.richtext import Text
from sphinxcontrib.bibtex.domain import BibtexDomain

from conftest import Build, build_project
from research_site import entryhtml, gctuning, listingrefs, pageshell, paperbody, speedups
from research_site.speedups import PYBTEX_PLUGINS
from research_site.style import LIGATURES, PLAIN_TEXT, latex_text

#: An entry whose title and key exercise escaping: markup-like text, quotes,
#: LaTeX accents and a key that is not URL-safe (full render for that page).
AWKWARD_ENTRY = r"""
@misc{awkward:key+1,
  author = {Zo{\"e} O'Neil and Mingze Wang},
  title  = {Tags <b>not</b> &amp; "quoted" 'words' -- {\'e}t{\'e} 50\% Title},
  year   = {2020},
}
"""


def add_awkward_entry(src: Path) -> None:
    with (src / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(AWKWARD_ENTRY)


def output_files(root: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(root.rglob("*")):
        # .buildinfo holds a hash of the configuration, which differs on purpose
        if path.is_file() and path.name != ".buildinfo":
            yield path.relative_to(root).as_posix(), path.read_bytes()


@pytest.fixture
def full_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the pages :class:`PageShell` renders in full."""
    calls: list[str] = []
    render = pageshell.PageShell.render

    def counting(self: pageshell.PageShell, name: str, *args: str) -> str:
        calls.append(name)
        return render(self, name, *args)

    monkeypatch.setattr(pageshell.PageShell, "render", counting)
    return calls


@pytest.fixture
def listing_labels(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Targets of the listing references :mod:`listingrefs` resolves itself."""
    resolved: list[str] = []
    labels = listingrefs.ListingDomain.labels

    def counting(self: listingrefs.ListingDomain, *args: Any) -> Any:
        result = labels(self, *args)
        if result is not None:
            resolved.append(args[-1])
        return result

    monkeypatch.setattr(listingrefs.ListingDomain, "labels", counting)
    return resolved


@pytest.fixture
def rendered_bodies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the paper-page sections :mod:`paperbody` renders (others are filled in)."""
    ids: list[str] = []
    render = paperbody.render_bodies

    def counting(app: Any, sections: list[Any]) -> list[str]:
        ids.extend(section["ids"][0] for section in sections)
        return render(app, sections)

    monkeypatch.setattr(paperbody, "render_bodies", counting)
    return ids


def test_cached_build_equals_uncached_build(
    build_copy,
    full_renders: list[str],
    listing_labels: list[str],
    rendered_bodies: list[str],
    monkeypatch,
) -> None:
    # 19 paper pages in batches of 7: bodies are split back at the right places
    monkeypatch.setattr(pageshell, "PAGES_PER_BATCH", 7)
    cached: Build = build_copy(add_awkward_entry)
    shortcuts, fast_labels = list(full_renders), list(listing_labels)
    shell_bodies = list(rendered_bodies)
    # the records after the first were highlighted by recordhighlight (proven on the first)
    assert entryhtml.HIGHLIGHTING.trusted is True
    full_renders.clear()
    listing_labels.clear()
    rendered_bodies.clear()
    uncached: Build = build_copy(add_awkward_entry, research_site_caches=False)
    assert cached.warnings == "" and uncached.warnings == ""
    assert dict(output_files(cached.outdir)) == dict(output_files(uncached.outdir))
    # the shell, the first page (the check) and the page with the awkward key
    assert shortcuts == [pageshell.NAME, "wang2022generalization", "awkward:key+1"]
    assert len(full_renders) == 1 + 19  # the shell and every paper
    # the home page's selected papers and every co-author of the index
    assert "wang2025moe" in fast_labels and len(fast_labels) > 20
    assert listing_labels == []
    # bodies: the shell, the first paper (the check) and the awkward key; all when uncached
    assert shell_bodies == [paperbody.KEY, "wang2022generalization", "awkward:key+1"]
    assert len(rendered_bodies) == 19


def test_rebuild_without_changes_renders_and_writes_nothing(
    build_copy, full_renders: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx writes no page, so the shell is not rendered and no paper page is written.

    Nor is any page template compiled: Jinja loads them from its bytecode cache.
    """
    first: Build = build_copy()
    src = first.outdir.parent / "src"
    written = {path: path.stat().st_mtime_ns for path in first.outdir.rglob("*.*")}
    full_renders.clear()
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: Any = None, *args: Any) -> Any:
        compiled.append(name)
        return compile_template(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    again = build_project(src, first.outdir, fresh=False)
    assert again.warnings == ""
    assert full_renders == []
    # (Sphinx renders its static ``_t`` assets from strings, without a name, each build)
    assert [name for name in compiled if name is not None] == []
    rewritten = {
        str(path.relative_to(first.outdir))
        for path, mtime in written.items()
        if path.stat().st_mtime_ns != mtime
    }
    # Sphinx writes its search page on every build; no document, paper page or download
    pages = {str(path.relative_to(first.outdir)) for path in written if path.suffix == ".html"}
    assert len(pages) > 18 + 6
    assert rewritten & pages == {"search.html"}
    assert "publications/mingze-wang.bib" not in rewritten


@settings(max_examples=2000, derandomize=True)
@given(st.text(alphabet="abAZ09,.:;()?!/+=-'` ~%", min_size=1, max_size=16))
def test_plain_text_shortcut_equals_latex_decoding(value: str) -> None:
    """Strings the decoder is skipped for decode to themselves; others are decoded."""
    if PLAIN_TEXT.fullmatch(value) and not LIGATURES.search(value):
        assert Text.from_latex(value) == Text(value)
    assert latex_text(value) == Text.from_latex(value)


def test_paper_pages_written_by_parallel_writers_equal_serial_ones(
    build_copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under ``-j N`` the paper pages go to N - 1 forked writers (here, from 1 page on)."""
    tasks: list[object] = []

    class CountingTasks(pageshell.ParallelTasks):
        def add_task(self, *args: Any, **kwargs: Any) -> None:
            tasks.append(args[1])
            super().add_task(*args, **kwargs)

    monkeypatch.setattr(pageshell, "PARALLEL_MINIMUM", 1)
    monkeypatch.setattr(pageshell, "ParallelTasks", CountingTasks)
    serial: Build = build_copy()
    assert tasks == []
    parallel: Build = build_copy(parallel=3)
    assert len(tasks) == 2  # the 17 pages after the first, in two chunks
    assert serial.warnings == "" and parallel.warnings == ""
    assert dict(output_files(serial.outdir)) == dict(output_files(parallel.outdir))


def test_file_writer_waits_for_its_writes_and_raises_a_failed_one(tmp_path: Path) -> None:
    pages = [tmp_path / f"page{n}.html" for n in range(200)]  # more than wait at once
    with pytest.raises(FileNotFoundError):
        with pageshell.FileWriter("utf-8") as files:
            for n, page in enumerate(pages):
                files.write(page, f"<p>{n} \u2020</p>")
            files.write(tmp_path / "missing" / "page.html", "lost")
    assert [page.read_text(encoding="utf-8") for page in pages] == [
        f"<p>{n} \u2020</p>" for n in range(200)
    ]


def test_young_garbage_collection_pauses_the_collector_and_restores_it() -> None:
    assert gc.isenabled()
    with gctuning.young_garbage_collected() as collect:
        assert not gc.isenabled()
        collect()
    assert gc.isenabled()
    gc.disable()
    try:
        with gctuning.young_garbage_collected():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_paused_from_config_to_builder_inited() -> None:
    """Paused while the environment loads; resumed even after a build stopped in between."""
    assert gc.isenabled()
    try:
        gctuning.pause_collection(None, None)  # type: ignore[arg-type]
        assert not gc.isenabled()
        gctuning.pause_collection(None, None)  # type: ignore[arg-type]  # the first one stopped
        gctuning.freeze_parsed_bibliography(None)  # type: ignore[arg-type]
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gctuning.PAUSED.clear()
        gc.enable()
        gc.unfreeze()


@pytest.mark.parametrize(
    "expression",
    [
        "True",
        "cited",
        "not cited",
        '"research/deep-learning-theory" in docnames',
        'key % "2025"',
        "a < b < c",
    ],
)
def test_indexed_domain_filters_as_sphinxcontrib_bibtex_does(site: Build, expression: str) -> None:
    """The site's bibliography, under each filter, lists the same entries both ways."""
    doctrees = site.outdir.parent / f"doctrees-{site.outdir.name}"
    with (doctrees / "environment.pickle").open("rb") as handle:
        env = pickle.load(handle)
    domain = speedups.IndexedBibtexDomain(env)
    assert domain.citation_refs and domain.bibliographies
    for key, bibliography in list(domain.bibliographies.items()):
        # (sphinxcontrib-bibtex rejects "a < b < c", warns and falls back to "cited")
        domain.bibliographies[key] = bibliography._replace(filter_=ast.parse(expression))
        indexed = list(domain.get_filtered_entries(key))
        assert indexed == list(BibtexDomain.get_filtered_entries(domain, key))
        assert 0 < len(indexed) < 18 or expression == "True"


def test_registered_pybtex_plugins_are_the_installed_ones() -> None:
    """speedups registers by import the classes the packages' entry points name."""
    for (group, name), plugin in PYBTEX_PLUGINS.items():
        (point,) = [point for point in entry_points(group=group) if point.name == name]
        assert point.load() is plugin
