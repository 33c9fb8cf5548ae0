"""PDF and EPUB, built by Read the Docs' own command sequence (tools/rtd-build).

Read back with poppler (pdftotext, pdffonts), pypdf (link annotations) and
epubcheck. Needs TeX Live, poppler-utils and epubcheck: skipped with a reason
on a machine without them, failed on CI.
"""

from __future__ import annotations

import csv
import math
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from citations import research_page_citations
from conftest import PROJECT, copy_project, project_conf, project_papers, require_tool
from linkcheck import broken_epub_links
from seed import DATA, papers, research_citations

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


def unpaged(pdf_text: str) -> str:
    """The text with page breaks as line breaks: a heading that opens a page starts its line."""
    return pdf_text.replace("\f", "\n")


def year_chunks(pdf_text: str) -> dict[str, str]:
    """The text under each year heading of the Publications section (page breaks aside)."""
    body = unpaged(pdf_text)
    body = body[re.search(r"^\d+ Publications$", body, re.M).start() :]  # type: ignore[union-attr]
    body = re.split(r"^\d+ Co-authors$", body, flags=re.M)[0]
    parts = re.split(r"^\d+\.\d+ (20\d\d)$", body, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_latex_log_is_clean(rtd: RtdOutput) -> None:
    log = (rtd.pdf.with_suffix(".log")).read_text(encoding="utf-8", errors="replace")
    for problem in ("undefined", "Missing character", "There were undefined references"):
        assert problem not in log, [line for line in log.splitlines() if problem in line][:5]
    assert "\n! " not in log
    overfull = [float(w) for w in re.findall(r"Overfull \\[hv]box \(([\d.]+)pt too", log)]
    assert all(width <= 5 for width in overfull), overfull


def test_the_publication_list_is_set_ragged_right_without_hyphenation(
    rtd: RtdOutput, pdf_text: str
) -> None:
    """No word of an entry broken at a line's end ("Net-" / "works"), no stretched line."""
    lines = "".join(year_chunks(pdf_text).values()).splitlines()
    broken = [
        f"{line} / {after}"
        for line, after in zip(lines, lines[1:], strict=False)
        if re.search(r"[a-z]-$", line) and re.match(r"[a-z]", after)
    ]
    assert broken == []
    log = (rtd.pdf.with_suffix(".log")).read_text(encoding="utf-8", errors="replace")
    assert "Underfull \\hbox" not in log and "Overfull \\hbox" not in log


def test_all_titles_and_no_unresolved_marks(pdf_text: str) -> None:
    flat = squash(pdf_text)
    for paper in papers().values():
        assert squash(paper.title) in flat, paper.number
    assert "??" not in pdf_text
    assert "[]" not in pdf_text


def test_years_hold_their_papers_highest_number_first(pdf_text: str) -> None:
    chunks = year_chunks(pdf_text)
    found = {
        year: [int(n) for n in re.findall(r"^\[(\d+)\] ", text, re.M)]
        for year, text in chunks.items()
    }
    expected: dict[str, list[int]] = {}
    for year, number in sorted(((p.fields["year"], n) for n, p in project_papers().items())):
        expected.setdefault(year, []).insert(0, number)
    assert list(found.items()) == sorted(expected.items(), reverse=True)
    for year, text in chunks.items():  # each heading directly followed by its own papers
        before = text[: text.index("[")]  # (math glyphs set above the line may come first)
        assert not re.search(r"[A-Za-z0-9]", before), year


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
    owner = str(project_conf()["research_site_owner"])
    assert sum(owner in run for run in bold_runs) >= len(project_papers())


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
    assert labels_in_bibliography == set(project_papers())
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


def build_month() -> str:
    """ "May 2025": the month of SOURCE_DATE_EPOCH (make sets it), else of today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = time.gmtime(int(epoch)) if epoch else time.localtime()
    return time.strftime("%B %Y", when)


def test_a_research_document_not_a_manual(rtd: RtdOutput, pdf_text: str) -> None:
    conf = project_conf()
    pages = pdf_text.split("\f")[:-1]
    # title block, research and co-authors take about two pages, a page holds about seven
    # papers: at most 5 pages for the papers shipped, one more per seven papers added
    assert len(pages) <= 2 + math.ceil(len(project_papers()) / 7)
    assert all(page.strip() for page in pages), "a blank page"
    for word in ("Release", "Version", "CHAPTER", "Contents"):
        assert word not in pdf_text, word
    first = pages[0]
    for fact in (
        str(conf["owner"]),
        str(conf["owner_native"]),
        str(conf["research_site_owner_position"]),
        f"Advisor: {conf['research_site_owner_advisor']}",
        f"as of {build_month()}",
    ):
        assert squash(fact) in squash(first), fact
    headings = re.findall(r"^(\d+) (\w[\w-]*)$", unpaged(pdf_text), re.M)
    assert [title for _, title in headings] == ["Research", "Publications", "Co-authors"]
    for n, page in enumerate(pages, start=1):
        assert re.search(rf"{conf['owner']}\s+page {n} of {len(pages)}", page), n


def test_pages_as_images(rtd: RtdOutput) -> None:
    """Each page as a PNG in _build/test-artifacts/pdf-pages/, to look at."""
    require_tool("pdftoppm")
    out = PROJECT / "_build" / "test-artifacts" / "pdf-pages"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(rtd.pdf), str(out / "page")], check=True)
    assert len(list(out.glob("page-*.png"))) == len(PdfReader(rtd.pdf).pages)


def test_title_block_links_and_metadata(rtd: RtdOutput) -> None:
    conf = project_conf()
    reader = PdfReader(rtd.pdf)
    uris = [
        annotation.get_object()["/A"].get("/URI")
        for annotation in reader.pages[0].get("/Annots", []) or []
        if "/A" in annotation.get_object()
    ]
    assert conf["research_site_owner_homepage"] in uris
    info = reader.metadata
    assert info.title == f"{conf['owner']}: research statement and publications"
    assert info.author == conf["owner"]
    assert info.subject and info["/Keywords"] == ", ".join(conf["research_site_keywords"])


def test_each_paper_prints_its_identifier(pdf_text: str) -> None:
    flat = squash("".join(year_chunks(pdf_text).values()))
    with (DATA / "papers-identifiers.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows
    for row in rows:  # the seed's papers, by their identifiers
        if row["arxiv_id"]:
            assert squash(f"arXiv:{row['arxiv_id']}") in flat, row["number"]
    assert "Discussed in" not in pdf_text


def test_co_authors_are_the_featured_ones(pdf_text: str) -> None:
    section = re.split(r"^\d+ Co-authors$", unpaged(pdf_text), flags=re.M)[1]
    with (PROJECT / "data" / "coauthors.tsv").open(encoding="utf-8") as handle:
        featured = [row["name"] for row in csv.DictReader(handle, delimiter="\t")]
    for name in featured:
        assert name in section
    assert "All co-authors" not in pdf_text and " papers [" not in section


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
    assert len(soup.select("li.pub-entry")) == len(project_papers())


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


def test_citations_read_as_compressed_ranges_in_print_and_epub(
    rtd: RtdOutput, pdf_text: str
) -> None:
    """``[1–6, 8–14, 17, 18]`` in the PDF's text and the EPUB, as in HTML; no preview."""
    expected: dict[str, list[str]] = {}
    for page, reads in research_page_citations():
        expected.setdefault(page, []).append(reads)
    flat = squash(pdf_text)
    with zipfile.ZipFile(rtd.epub) as epub:
        for page, citations in expected.items():
            name = next(n for n in epub.namelist() if n.endswith(page.replace(".html", ".xhtml")))
            soup = BeautifulSoup(epub.read(name), "html.parser")
            spans = [span.get_text() for span in soup.select("span.bibtex-citation")]
            assert [s for s, r in zip(spans, citations, strict=True) if r] == [
                r for r in citations if r
            ]
            assert not soup.select(".pub-previews, [data-previews]")
            for reads in filter(None, citations):
                assert squash(reads) in flat, reads


#: A section ("2 Publications") or a year of the list ("2.1 2025").
HEADING = re.compile(r"^(?:\d{1,2} [A-Z].*|\d{1,2}\.\d{1,2} 20\d\d)$")


def test_no_section_opens_at_the_foot_of_a_page(tmp_path: Path) -> None:
    """With two papers appended, every section and year heading has at least three lines
    under it on its page (the running foot aside)."""
    require_tool("latexmk", "xelatex", "pdftotext")
    src = copy_project(tmp_path / "src")
    with (src / "refs.bib").open("a", encoding="utf-8") as bib:
        for n in (1, 2):
            bib.write(
                f"\n@misc{{wang2026extra{n}, author = {{Mingze Wang and Ada Lovelace}},"
                f" title = {{An Appended Paper Number {n} With a Title Long Enough to Wrap Once}},"
                f" year = {{2026}}, eprint = {{2601.0000{n}}}, archiveprefix = {{arXiv}}}}\n"
            )
    sphinx = Path(sys.executable).parent / "sphinx-build"
    result = subprocess.run(
        [str(sphinx), "-M", "latexpdf", str(src), str(tmp_path / "out"), "-q"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    (pdf,) = (tmp_path / "out" / "latex").glob("*.pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    owner = str(project_conf()["owner"])
    for number, page in enumerate(text.split("\f")[:-1], start=1):
        lines = [
            line
            for line in page.splitlines()
            if line.strip() and line.strip() != owner and not re.fullmatch(r"page \d+ of \d+", line)
        ]
        for index, line in enumerate(lines):
            if HEADING.match(line):
                assert len(lines) - index - 1 >= 3, f"page {number}: {line!r} at its foot"
