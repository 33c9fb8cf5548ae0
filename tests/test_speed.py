"""The speed layer (research_site.speed) changes nothing in the output, only how much is redone.

The whole site is built with ``research_site_speed`` on and off and compared
byte for byte; rebuilds keep the paper pages nothing of which changed, write
the ones that did, and under ``-j`` write them in parallel with the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import build_project, copy_project, project_papers
from refsbib import page_name


def output_files(root: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix(), path.read_bytes()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "src")


def paper_pages(outdir: Path) -> dict[str, int]:
    """Each paper page's modification time, in nanoseconds."""
    return {
        path.name: path.stat().st_mtime_ns
        for path in (outdir / "publications").glob("*.html")
        if path.stem not in {"index", "coauthors"}
    }


def test_the_site_is_the_same_with_and_without_the_speed_layer(
    project: Path, tmp_path: Path
) -> None:
    fast = build_project(project, tmp_path / "fast", research_site_speed=True)
    plain = build_project(project, tmp_path / "plain", research_site_speed=False)
    assert fast.warnings == plain.warnings == ""
    assert dict(output_files(fast.outdir)) == dict(output_files(plain.outdir))


def test_rebuilds_write_only_the_paper_pages_that_changed(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    assert build_project(project, out).warnings == ""
    before = paper_pages(out)
    again = build_project(project, out, fresh=False)
    assert again.warnings == ""
    assert paper_pages(out) == before, "a rebuild with no change wrote paper pages"
    # a build changes no setting of its own (furo changes pygments_dark_style on each build)
    changed = re.search(r"configuration has changed \(\d+ options?: (.*)\)", again.status)
    assert changed is None or changed[1] == "'pygments_dark_style'", changed

    contents = dict(output_files(out / "publications"))
    bib = project / "refs.bib"
    bib.write_text(bib.read_text().replace("Powering Gradients", "Powering the Gradients"))
    assert build_project(project, out, fresh=False).warnings == ""
    changed = {n for n, data in output_files(out / "publications") if contents[n] != data}
    # the paper's page, and its neighbours by number, whose links show its title
    papers = project_papers()
    (number,) = [n for n, paper in papers.items() if paper.key == "wang2025gradpower"]
    expected = {page_name(papers[n].key) for n in (number - 1, number, number + 1) if n in papers}
    assert {name for name in changed if name in before} == expected
    # besides them, one page at most is written again: to tell that the site around is the same
    rewritten = {page for page, mtime in paper_pages(out).items() if mtime != before[page]}
    assert len(rewritten - expected) <= 1


def test_without_the_speed_layer_every_paper_page_is_written(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    build_project(project, out)
    before = paper_pages(out)
    assert build_project(project, out, fresh=False, research_site_speed=False).warnings == ""
    assert all(mtime != before[page] for page, mtime in paper_pages(out).items())


def test_parallel_builds_write_the_same_pages(project: Path, tmp_path: Path) -> None:
    """``-j 2`` reads and writes documents in parallel, and with enough papers writes
    the paper pages in parallel workers: every page is the same as a serial build's."""
    with (project / "refs.bib").open("a", encoding="utf-8") as bib:
        for n in range(120):
            bib.write(
                f"\n@misc{{extra{n}, author = {{Mingze Wang and Ada Lovelace}}, "
                f"title = {{Extra Paper {n}}}, year = {{2026}}}}\n"
            )
    serial = build_project(project, tmp_path / "serial")
    parallel = build_project(project, tmp_path / "parallel", parallel=2)
    assert serial.warnings == parallel.warnings == ""
    pages = {name: data for name, data in output_files(serial.outdir) if name.endswith(".html")}
    assert len([name for name in pages if name.startswith("publications/")]) > 120
    assert {n: d for n, d in output_files(parallel.outdir) if n.endswith(".html")} == pages
