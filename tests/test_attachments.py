"""What a researcher attaches to a paper (test-attachments): slides (a file of the
repository), poster, video, talk, blog, project page, data and code, each shown with its
label in the list, on the paper's page, in a citation's preview, in the EPUB and the PDF;
never in the BibTeX a reader copies."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Build, build_outputs

ROOT = Path(__file__).parent / "roots" / "test-attachments"
BASE = "https://example.org/site/"
#: The root's entry, field by field, as its refs.bib writes them.
ATTACHED = {
    "Code": "https://github.com/ada/engine",
    "Slides": "talks/engine-slides.pdf",
    "Poster": "https://example.org/engine-poster.pdf",
    "Video": "https://example.org/engine-video",
    "Talk": "https://example.org/engine-talk",
    "Blog": "https://example.org/blog/engine",
    "Project page": "https://example.org/engine",
    "Data": "https://example.org/engine-data",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return build_outputs(ROOT, tmp_path_factory.mktemp("attachments"))


def links(soup: BeautifulSoup) -> dict[str, str]:
    return {a.get_text(): a["href"] for a in soup.select("p.pub-links a")}


def expected(slides: str) -> dict[str, str]:
    return {**ATTACHED, "Slides": slides}


def test_every_attachment_is_linked_with_its_label(built: dict[str, Build]) -> None:
    html = built["html"]
    assert html.warnings == ""
    listed = links(html.soup("list.html").find(id="lovelace2024engine"))
    assert {k: v for k, v in listed.items() if k in ATTACHED} == expected(
        "publications/files/engine-slides.pdf"
    )
    assert list(listed)[-len(ATTACHED) :] == list(ATTACHED)  # in this order, after arXiv, PDF
    page = html.soup("publications/lovelace2024engine.html")
    assert {k: v for k, v in links(page).items() if k in ATTACHED} == expected(
        "files/engine-slides.pdf"
    )
    preview = html.soup("index.html").select_one("div.pub-previews #preview-lovelace2024engine")
    assert {k: v for k, v in links(preview).items() if k in ATTACHED} == expected(
        "publications/files/engine-slides.pdf"
    )
    copied = html.outdir / "publications" / "files" / "engine-slides.pdf"
    assert copied.read_bytes() == (ROOT / "talks" / "engine-slides.pdf").read_bytes()
    (ld,) = [json.loads(s.get_text()) for s in page.find_all("script", type="application/ld+json")]
    assert ld["video"]["url"] == ATTACHED["Video"]


def test_the_bibtex_a_reader_copies_has_no_attachment(built: dict[str, Build]) -> None:
    record = (built["html"].outdir / "publications" / "lovelace2024engine.bib").read_text()
    for field in ("code", "slides", "poster", "video", "talk", "blog", "website", "data"):
        assert not re.search(rf"^\s*{field}\s*=", record, re.M), field
    ris = (built["html"].outdir / "publications" / "lovelace2024engine.ris").read_text()
    assert "talks/engine-slides.pdf" not in ris


def test_the_epub_and_the_pdf_link_them_too(built: dict[str, Build]) -> None:
    assert built["epub"].warnings == "" and built["latex"].warnings == ""
    (epub,) = built["epub"].outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        name = next(n for n in archive.namelist() if n.endswith("list.xhtml"))
        listed = links(BeautifulSoup(archive.read(name), "html.parser"))
        assert not any(n.endswith("engine-slides.pdf") for n in archive.namelist())
    absolute = f"{BASE}publications/files/engine-slides.pdf"
    assert {k: v for k, v in listed.items() if k in ATTACHED} == expected(absolute)
    (tex,) = built["latex"].outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    for label, url in expected(absolute).items():
        assert f"\\sphinxhref{{{url}}}{{{label}}}" in text or f"{{{url}}}{{{label}}}" in text, label
