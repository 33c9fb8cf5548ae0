"""PDF and EPUB, built by Read the Docs' own command sequence (tools/rtd-build).

Read back with poppler (pdftotext, pdffonts), pypdf (link annotations) and
epubcheck. Needs TeX Live, poppler-utils and epubcheck: skipped with a reason
on a machine without them, failed on CI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import PROJECT, project_library, require_tool
from linkcheck import broken_epub_links
from seed import papers, research_citations

SLUG = "mingze-wang"


@dataclass
class RtdOutput:
    root: Path

    @property
    def pdf(self) -> Path:
        return self.root / "pdf" / f"{SLUG}.pdf"

    @property
    def epub(self) -> Path:
        return self.root / "epub" / f"{SLUG}.epub"


@pytest.fixture(scope="module")
def rtd(tmp_path_factory: pytest.TempPathFactory) -> RtdOutput:
    require_tool("latexmk", "xelatex", "pdftotext", "pdffonts", "epubcheck", "java")
    out = tmp_path_factory.mktemp("rtd")
    result = subprocess.run(
        [str(PROJECT / "tools" / "rtd-build"), str(out), SLUG],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": sys.executable},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr
    return RtdOutput(out)


def squash(text: str) -> str:
    """Text without white space and hyphens, so line breaks and hyphenation do not matter."""
    return re.sub(r"[\s\-\u2010\u00ad]", "", text)


@pytest.fixture(scope="module")
def pdf_text(rtd: RtdOutput) -> str:
    return subprocess.run(
        ["pdftotext", str(rtd.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def year_chunks(pdf_text: str) -> dict[str, str]:
    """The text under each year heading of the publications chapter (after the TOC)."""
    body = (
        pdf_text[pdf_text.index("CHAPTER\n\nTWO") :] if "CHAPTER\n\nTWO" in pdf_text else pdf_text
    )
    parts = re.split(r"^\d+\.\d+ (20\d\d)$", body, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_latex_log_is_clean(rtd: RtdOutput) -> None:
    log = (rtd.pdf.with_suffix(".log")).read_text(encoding="utf-8", errors="replace")
    for problem in ("undefined", "Missing character", "There were undefined references"):
        assert problem not in log, [line for line in log.splitlines() if problem in line][:5]
    assert "\n! " not in log


def test_all_titles_and_no_unresolved_marks(pdf_text: str) -> None:
    flat = squash(pdf_text)
    for paper in papers().values():
        assert squash(paper.title) in flat, paper.number
    assert "??" not in pdf_text
    assert "[]" not in pdf_text


def test_years_hold_their_papers_highest_number_first(pdf_text: str) -> None:
    library = project_library()
    chunks = year_chunks(pdf_text)
    assert list(chunks) == [str(year) for year in library.years()]
    found = {
        year: [int(n) for n in re.findall(r"^\[(\d+)\] ", text, re.M)]
        for year, text in chunks.items()
    }
    expected = {
        str(year): [
            library.number(key)
            for key in library.newest_first()
            if library.facts(key).date.year == year
        ]
        for year in library.years()
    }
    assert found == expected


def test_entries_show_owner_markers_venue_award(pdf_text: str) -> None:
    flat = squash("".join(year_chunks(pdf_text).values()))
    for paper in papers().values():
        authors = ",".join(a + m for a, m in zip(paper.authors, paper.markers, strict=True))
        assert squash(authors) in flat, paper.number
    assert squash("Spotlight, top 5.1%") in flat
    assert squash("Spotlight, top 3.5%") in flat
    assert squash("2025 International Conference on Machine Learning (ICML 2025)") in flat


def test_owner_is_bold(rtd: RtdOutput) -> None:
    reader = PdfReader(rtd.pdf)
    bold_runs: list[str] = []

    def visitor(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        if font and "Bold" in str(font.get("/BaseFont", "")) and text.strip():
            bold_runs.append(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
    assert sum("Mingze Wang" in run for run in bold_runs) >= len(project_library().papers)


def test_research_citations_link_to_bibliography_entries(rtd: RtdOutput, pdf_text: str) -> None:
    reader = PdfReader(rtd.pdf)
    named = set(reader.named_destinations)
    keys = set()
    texts = [page.extract_text() for page in reader.pages]
    publications_start = next(i for i, t in enumerate(texts) if "Recent publications" in t)
    for page in reader.pages[:publications_start]:  # the title page, contents, research
        for annotation in page.get("/Annots", []) or []:
            action = annotation.get_object().get("/A", {})
            dest = action.get("/D")
            # hyperref names the destination of \bibitem{docname:key} "cite.docname:key"
            if isinstance(dest, str) and dest.startswith("cite.publications/index:"):
                assert dest in named, dest
                keys.add(dest.partition(":")[2])
    labels_in_bibliography = {
        int(n) for n in re.findall(r"^\[(\d+)\] ", "".join(year_chunks(pdf_text).values()), re.M)
    }
    assert labels_in_bibliography == set(range(1, len(project_library().papers) + 1))
    # every paper the seed cites in the research chapters is linked from them
    cited = {n for _, _, groups in research_citations() for group in groups for n in group}
    assert len(keys) >= len(cited)


def test_all_fonts_embedded(rtd: RtdOutput) -> None:
    listing = subprocess.run(
        ["pdffonts", str(rtd.pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        assert line.split()[-5] == "yes", line


def test_title_page_and_file_name(rtd: RtdOutput, pdf_text: str) -> None:
    first_page = pdf_text.split("\f")[0]
    assert "Mingze Wang" in first_page
    assert "\u738b\u94ed\u6cfd" in first_page
    assert "Peking University" in first_page


def test_epubcheck_reports_no_errors(rtd: RtdOutput) -> None:
    result = subprocess.run(
        ["java", "-jar", "/usr/share/java/epubcheck.jar", str(rtd.epub)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 fatals / 0 errors" in result.stdout + result.stderr


def test_epub_has_no_broken_internal_link(rtd: RtdOutput, tmp_path: Path) -> None:
    assert broken_epub_links(rtd.epub, tmp_path / "epub") == []


def test_epub_contains_every_paper(rtd: RtdOutput) -> None:
    with zipfile.ZipFile(rtd.epub) as epub:
        page = next(n for n in epub.namelist() if n.endswith("publications/index.xhtml"))
        soup = BeautifulSoup(epub.read(page), "html.parser")
    assert len(soup.select("li.pub-entry")) == len(project_library().papers)


def test_make_latexpdf_and_epub(tmp_path: Path) -> None:
    """README's `make latexpdf` and `make epub`, with this interpreter's environment."""
    require_tool("make", "latexmk", "xelatex")
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        [
            "make",
            "-C",
            str(PROJECT),
            "-o",
            f"{venv}/bin/sphinx-build",
            f"VENV={venv}",
            f"BUILDDIR={tmp_path}",
            "latexpdf",
            "epub",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert (tmp_path / "latex" / f"{SLUG}.pdf").stat().st_size > 10_000
    assert (tmp_path / "epub" / f"{SLUG}.epub").stat().st_size > 10_000
