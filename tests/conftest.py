"""Shared fixtures: the site built once per session, outside the repo, and what the
project's own data says it must show (so no test assumes today's count of papers)."""

from __future__ import annotations

import io
import os
import runpy
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from refsbib import BibPaper, owner_papers, page_name
from research_site.bib.library import Library
from research_site.bib.names import OwnerName

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

PROJECT = Path(__file__).resolve().parent.parent
#: the small library of the pure-Python tests of bib/ and styles/
SAMPLE_BIB = (PROJECT / "tests" / "data" / "sample.bib").read_text(encoding="utf-8")
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@cache
def project_conf() -> dict[str, object]:
    """The project's conf.py, as Sphinx reads it."""
    return runpy.run_path(str(PROJECT / "conf.py"))


@cache
def project_library() -> Library:
    """The project's refs.bib as the site reads it: papers, numbers, facts (for tests of
    the bib layer's own reading; expectations come from :func:`project_papers`)."""
    data = pybtex.database.parse_file(str(PROJECT / "refs.bib"))
    conf = project_conf()
    owner = OwnerName(str(conf["research_site_owner"]), conf.get("research_site_owner_aliases", []))  # type: ignore[arg-type]
    return Library(data, owner)


def project_papers() -> dict[int, BibPaper]:
    """The owner's papers by number, read from refs.bib by the tests' own parser."""
    return owner_papers(PROJECT / "refs.bib", str(project_conf()["research_site_owner"]))


def require_tool(*names: str) -> None:
    """Skip when a system tool is missing, but fail on CI, where it must be there."""
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        message = f"needs {', '.join(missing)} (install it; .ci/run does)"
        if ON_CI:
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)


def require_path(path: Path, how: str) -> None:
    """Skip when a needed file is missing (saying *how* to get it), but fail on CI."""
    if not path.exists():
        message = f"needs {path} ({how})"
        if ON_CI:
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)


@dataclass
class Build:
    """The result of one strict Sphinx build."""

    outdir: Path
    warnings: str
    status: str
    keys: dict[str, str] = field(default_factory=dict)  # an entry's anchor -> its key

    def soup(self, page: str) -> BeautifulSoup:
        """The parsed HTML of *page* (e.g. ``"publications/index.html"``)."""
        return BeautifulSoup((self.outdir / page).read_text(encoding="utf-8"), "html.parser")

    def article(self, page: str) -> BeautifulSoup:
        """The page's main content (furo's ``<article>``)."""
        article = self.soup(page).find("article", attrs={"role": "main"})
        assert article is not None, f"{page} has no main article"
        return article

    def entries(self, page: str = "publications/index.html") -> dict[str, BeautifulSoup]:
        """The papers listed on *page*, by anchor (by key in the project's site)."""
        items = self.article(page).select("li.pub-entry")
        return {self.keys.get(item["id"], item["id"]): item for item in items}


def label_of(entry: BeautifulSoup) -> int:
    """The paper number an entry of a list shows (``[18]``)."""
    return int(entry.select_one(".pub-label").get_text(strip=True).strip("[]"))


def build_project(
    srcdir: Path,
    outdir: Path,
    builder: str = "html",
    parallel: int = 0,
    fresh: bool = True,
    **overrides: object,
) -> Build:
    """Build *srcdir* as ``sphinx-build -n -W --keep-going`` would, in process."""
    status, warnings = io.StringIO(), io.StringIO()
    # as sphinx-build does: docutils' global registries are restored afterwards
    with patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(
            srcdir=srcdir,
            confdir=srcdir,
            outdir=outdir,
            doctreedir=outdir.parent / f"doctrees-{outdir.name}",
            buildername=builder,
            confoverrides={"nitpicky": True, **overrides},
            status=status,
            warning=warnings,
            freshenv=fresh,
            warningiserror=False,
            keep_going=True,
            parallel=parallel,
        )
        app.build()
    return Build(outdir=outdir, warnings=warnings.getvalue(), status=status.getvalue())


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once as HTML into a temporary folder."""
    build = build_project(PROJECT, tmp_path_factory.mktemp("site") / "html")
    papers = project_papers().values()
    build.keys = {page_name(paper.key).removesuffix(".html"): paper.key for paper in papers}
    return build


def copy_project(dest: Path) -> Path:
    """The project's sources (no venv, build output, tests or bench) copied to *dest*."""
    shutil.copytree(
        PROJECT,
        dest,
        ignore=shutil.ignore_patterns(
            ".venv", "_build", ".git", "__pycache__", ".pytest_cache", "tests", "bench"
        ),
    )
    return dest


def build_outputs(
    root: Path, base: Path, builders: tuple[str, ...] = ("html", "epub", "latex")
) -> dict[str, Build]:
    """A copy of the test site *root* in *base*, built strictly by each of *builders*."""
    shutil.copytree(root, base / "src")
    return {name: build_project(base / "src", base / name, builder=name) for name in builders}


@pytest.fixture(scope="session")
def build_copy(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Build]:
    """Build a temporary copy of the project after applying *edit* to it."""

    def _build(
        edit: Callable[[Path], None] | None = None, builder: str = "html", **kw: object
    ) -> Build:
        root = tmp_path_factory.mktemp("copy")
        src = copy_project(root / "src")
        if edit is not None:
            edit(src)
        return build_project(src, root / "out", builder=builder, **kw)

    return _build


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the small test sites (``testroot=...``)."""
    return Path(__file__).parent / "roots"
