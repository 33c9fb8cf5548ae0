"""A second researcher's site (tests/roots/test-second-site): an owner whose name has
accents, entries pasted exactly as arXiv, Google Scholar, DBLP, OpenReview, NeurIPS,
PMLR, the ACL Anthology, Crossref, Zotero (biblatex), IEEE Xplore and the ACM DL
export them, and works by others cited in the prose.

Every expectation is derived from that root's refs.bib through the pure ``bib``
layer (tested on its own in test_exports.py): what these tests check is that the
built site shows it, in every output.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup

from conftest import Build, build_outputs, label_of, require_path, require_tool
from linkcheck import broken_epub_links, broken_links
from research_site.bib.cleanbib import bibtex_file
from research_site.bib.library import Library
from research_site.bib.names import OwnerName, surname
from sitebrowser import CHROMIUM, launch, serve
from test_browser import CSP_LISTENER, NODE_MODULES, NPM_HINT

ROOT = Path(__file__).parent / "roots" / "test-second-site"
OWNER = OwnerName("Zoé Lefèvre", ["Z. Lefèvre"])


def library() -> Library:
    return Library(pybtex.database.parse_file(str(ROOT / "refs.bib")), OWNER)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """The second site as HTML, EPUB and LaTeX, each built strictly."""
    return build_outputs(ROOT, tmp_path_factory.mktemp("second"))


@pytest.fixture(scope="module")
def html(built: dict[str, Build]) -> Build:
    return built["html"]


def page(build: Build, name: str) -> BeautifulSoup:
    return build.soup(name)


def test_every_output_builds_without_a_warning(built: dict[str, Build]) -> None:
    for name, build in built.items():
        assert build.warnings == "", f"{name}: {build.warnings}"


def test_no_internal_link_or_fragment_is_broken(built: dict[str, Build], tmp_path: Path) -> None:
    assert broken_links(built["html"].outdir) == []
    (epub,) = built["epub"].outdir.glob("*.epub")
    assert broken_epub_links(epub, tmp_path / "epub") == []


def test_keys_as_tools_write_them_give_flat_pages_linked_both_ways(html: Build) -> None:
    lib = library()
    entries = html.entries("publications.html")
    assert list(entries) == [lib.slug(key) for key in lib.newest_first()]
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", anchor) for anchor in entries)
    for key in lib.papers:
        item = entries[lib.slug(key)]
        (link,) = item.select(".pub-title a")
        assert link["href"] == f"publications/{lib.slug(key)}.html"
        paper = page(html, link["href"])
        back = paper.select_one("p.pub-back a")["href"]
        assert back == f"../publications.html#{lib.slug(key)}"
        canonical = paper.find("link", rel="canonical")["href"]
        assert canonical == f"https://example.org/zoe/publications/{lib.slug(key)}.html"
    written = {p.stem for p in (html.outdir / "publications").glob("*.html")}
    assert written == {lib.slug(key) for key in lib.papers}


def test_only_the_owners_papers_are_numbered_listed_and_published(html: Build) -> None:
    lib = library()
    works = [key for key in lib.data.entries if not lib.is_paper(key)]
    assert works and len(lib.papers) >= 10
    labels = [label_of(item) for item in html.entries("publications.html").values()]
    assert sorted(labels) == list(range(1, len(lib.papers) + 1))
    download = (html.outdir / "publications" / "zoe-lefevre.bib").read_text(encoding="utf-8")
    assert download == bibtex_file(lib.record(key) for key in lib.papers)
    sitemap = (html.outdir / "sitemap.xml").read_text(encoding="utf-8")
    coauthors = page(html, "coauthors.html").select_one("ul.coauthor-index").get_text()
    for key in works:
        facts = lib.facts(key)
        assert f"/{lib.slug(key)}.html" not in sitemap
        assert not (html.outdir / "publications" / f"{lib.slug(key)}.html").exists()
        assert all(author.plain not in coauthors for author in facts.named_authors)


def test_works_by_others_are_cited_by_author_and_year_and_listed_under_references(
    html: Build,
) -> None:
    lib = library()
    research = page(html, "research.html")
    cited = {
        ref.split("#")[1] for ref in (a["href"] for a in research.select("span.bibtex-citation a"))
    }
    references = research.select("section.pub-references li.pub-entry")
    anchors = [item["id"] for item in references]
    works = sorted(
        (k for k in lib.data.entries if not lib.is_paper(k)),
        key=lambda k: lib.identity(k).label.casefold(),
    )
    assert anchors == [f"ref-{lib.slug(key)}" for key in works]  # every work here is cited
    assert set(anchors) <= cited
    texts = [" ".join(span.get_text().split()) for span in research.select("span.bibtex-citation")]
    assert "(Kingma and Ba, 2014)" in texts
    assert "(Arora et al., 2019a; Arora et al., 2019b)" in texts
    assert "Vaswani et al. (2017)" in texts
    assert "[9, 12] (Kingma and Ba, 2014)" in texts
    assert "Kingma and Ba (2014)" in texts
    for link in research.select("span.bibtex-citation a"):
        target = link["href"].split("#")[1]
        assert target in anchors or link["href"].startswith("publications.html#")
    toc = [a.get_text() for a in research.select("div.toc-tree a, .toc-tree a")]
    assert "References" in toc


def test_every_citation_previews_its_entries_works_by_others_too(html: Build) -> None:
    """Each citation names the previews of its entries, in the order it reads; a work's
    preview reads as its reference, a paper's as its list entry."""
    research = page(html, "research.html")
    listed = {item["id"]: item for item in page(html, "publications.html").select("li.pub-entry")}
    store = research.select_one("div.pub-previews[hidden]")
    previews = {div["id"]: div for div in store.select("div.pub-preview")}
    for cite in research.select("article span.pub-cite[data-previews]"):
        ids = cite["data-previews"].split()
        assert ids and set(ids) <= set(previews)
        linked = [a["href"].split("#")[1] for a in cite.select(".bibtex-citation a")]
        assert {f"preview-{anchor.removeprefix('ref-')}" for anchor in linked} <= set(ids)
    for preview_id, preview in previews.items():
        slug = preview_id.removeprefix("preview-")
        entry = listed.get(slug) or research.find(id=f"ref-{slug}")
        for part in (".pub-title", ".pub-authors", ".pub-venue"):
            text = " ".join(preview.select_one(part).get_text().split())
            assert text == " ".join(entry.select_one(part).get_text().split()), (slug, part)
    works = [p for p in previews if research.find(id=f"ref-{p.removeprefix('preview-')}")]
    assert works, "the research page cites works by others"


def test_the_owner_is_bold_in_every_form_and_never_a_coauthor(html: Build) -> None:
    lib = library()
    for anchor, item in html.entries("publications.html").items():
        key = next(k for k in lib.papers if lib.slug(k) == anchor)
        (bold,) = item.select("strong .pub-owner, .pub-owner")[:1]
        owner = next(a for a in lib.facts(key).authors if a.is_owner)
        assert bold.get_text() == owner.plain
        assert len(item.select(".pub-owner")) == 1
    index = page(html, "coauthors.html").select_one("ul.coauthor-index").get_text()
    assert "Lef" not in index and "Z." not in index


def test_nothing_of_the_first_owner_and_the_favicon_has_these_initials(html: Build) -> None:
    """The favicon's letters come from this root's owner (its conf.py sets no initials)."""
    favicon = (html.outdir / "_static" / "favicon.svg").read_text(encoding="utf-8")
    initials = "".join(word[0] for word in OWNER.name.split())
    assert BeautifulSoup(favicon, "html.parser").find("text").get_text() == initials
    assert page(html, "index.html").find("link", rel="icon")["href"].endswith("favicon.svg")
    for path in html.outdir.rglob("*.html"):
        assert "Mingze" not in path.read_text(encoding="utf-8"), path


def test_export_artefacts_are_cleaned_everywhere(html: Build) -> None:
    lib = library()
    article = page(html, "publications.html").select_one("article")
    listing = "\n".join(" ".join(p.get_text().split()) for p in article.select("li.pub-entry > p"))
    assert not re.search(r"\b00\d\d\b|\bothers\b", listing)
    assert "Anna Schmidt, et al." in listing
    records = "\n".join(block.get_text() for block in article.select("details.pub-bibtex"))
    names = "\n".join(line for line in records.splitlines() if line.startswith("  author ="))
    assert "Wu, Lei" in names and not re.search(r"\b00\d\d\b", names)
    rows = [li.get_text() for li in page(html, "coauthors.html").select("ul.coauthor-index li")]
    assert any(row.startswith("Lei Wu — 2 papers") for row in rows)  # DBLP's "Lei Wu 0010" is him
    assert any(row.startswith("Marco Rossi") for row in rows) and not any(
        "M. Rossi" in r for r in rows
    )
    optimal = page(html, f"publications/{lib.slug('lefevre2025optimal')}.html")
    authors = [m["content"] for m in optimal.find_all("meta", attrs={"name": "citation_author"})]
    assert authors == ["Zoé Lefèvre", "Marco Rossi", "Anna Schmidt"]
    icml = next(t for t in listing.split("\n") if "Forty-second" in t)
    assert "2025, 2025" not in icml


def test_math_in_a_title_is_math_on_pages_and_readable_text_in_metadata(
    built: dict[str, Build],
) -> None:
    lib, html = library(), built["html"]
    slug = lib.slug("lefevre2025scaling")
    title = html.entries("publications.html")[slug].select_one(".pub-title")
    assert title.find("math") is not None and "$" not in title.get_text()
    paper = page(html, f"publications/{slug}.html")
    readable = "Sparse Attention Converges at Rate O(1/√T)"
    assert paper.title.get_text().startswith(readable)
    assert paper.find("meta", attrs={"name": "citation_title"})["content"] == readable
    data = json.loads(paper.find("script", type="application/ld+json").string)
    assert data["name"] == readable
    tex = next(built["latex"].outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\(O(1/\sqrt{T})\)" in tex
    epub = (built["epub"].outdir / "publications.xhtml").read_text(encoding="utf-8")
    assert "O(1/√T)" in epub and "<math" not in epub


def test_references_are_in_the_epub_and_the_pdf_too(built: dict[str, Build]) -> None:
    lib = library()
    works = [key for key in lib.data.entries if not lib.is_paper(key)]
    research = BeautifulSoup(
        (built["epub"].outdir / "research.xhtml").read_text(encoding="utf-8"), "html.parser"
    )
    anchors = [item["id"] for item in research.select("section.pub-references li.pub-entry")]
    assert sorted(anchors) == sorted(f"ref-{lib.slug(key)}" for key in works)
    tex = next(built["latex"].outdir.glob("*.tex")).read_text(encoding="utf-8")
    references = tex[tex.index(r"\begin{researchsitereferences}") :]
    assert references.count(r"\item[]") == len(works)


def test_fields_are_read_as_each_type_needs(html: Build) -> None:
    lib = library()
    entries = html.entries("publications.html")
    for key in lib.papers:
        facts = lib.facts(key)
        item = entries[lib.slug(key)]
        venue = " ".join(item.select_one(".pub-venue").get_text().split())
        assert venue == " ".join(str(facts.venue_line()).split()) + "."
        links = [(a.get_text(), a["href"]) for a in item.select("p.pub-links a")]
        assert links == [(link.text, link.url) for link in facts.links]
        assert len({href for _, href in links}) == len(links)
        head = page(html, f"publications/{lib.slug(key)}.html")
        doi = head.find("meta", attrs={"name": "citation_doi"})
        assert (doi["content"] if doi else None) == facts.doi
        journal = head.find("meta", attrs={"name": "citation_journal_title"})
        assert (journal is not None) == (facts.venue.kind == "journal")
        if facts.doi and not facts.arxiv_id:
            assert ("DOI", f"https://doi.org/{facts.doi}") in links


def test_the_pdf_cites_works_by_author_and_year(built: dict[str, Build], tmp_path: Path) -> None:
    require_tool("latexmk", "pdflatex", "pdftotext")
    out = built["latex"].outdir
    (tex,) = out.glob("*.tex")
    subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=out,
        capture_output=True,
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", tex.with_suffix(".pdf").name, "-"],
        cwd=out,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(Kingma and Ba, 2014)" in text and "References" in text
    assert "Łukasz Kaiser" in text and "0010" not in text


def test_paper_pages_carry_the_abstract_and_files_for_reference_managers(html: Build) -> None:
    lib = library()
    for key in lib.papers:
        facts, slug = lib.facts(key), lib.slug(key)
        paper = page(html, f"publications/{slug}.html")
        assert len(paper.find_all("h1")) == 1
        abstract = paper.select_one("section#abstract p")
        assert (abstract is not None) == (facts.abstract is not None)
        meta = paper.find("meta", attrs={"name": "citation_abstract"})
        assert (meta is not None) == (facts.abstract is not None)
        (record,) = rispy.load(html.outdir / "publications" / f"{slug}.ris", encoding="utf-8")
        named = [a for a in facts.authors if not a.is_others]
        assert [name.split(", ")[0] for name in record["authors"]] == [
            surname(a.person) for a in named
        ]
        assert record["title"] == facts.title_plain and record["year"] == str(facts.date.year)
        assert record.get("doi") == facts.doi
    assert "linear warm-up" in page(html, "publications/pmlr-v235-lefevre24a.html").get_text()


def test_math_keeps_the_policy_accessibility_and_valid_html(html: Build) -> None:
    """The MathML of a title: no CSP violation or other host in Chromium, no axe
    violation, no Nu validator error (the checks of test_browser.py, on this site)."""
    require_tool(CHROMIUM, "java")
    sync_api = pytest.importorskip("playwright.sync_api")
    axe = NODE_MODULES / "axe-core" / "axe.min.js"
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require_path(axe, NPM_HINT)
    require_path(jar, NPM_HINT)
    names = ["publications.html", f"publications/{library().slug('lefevre2025scaling')}.html"]
    with serve(html.outdir) as base, sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        context = chromium.new_context()
        context.add_init_script(CSP_LISTENER)
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        checked = chromium.new_context(bypass_csp=True).new_page()
        for name in names:
            view = context.new_page()
            view.goto(base + name, wait_until="networkidle")
            assert view.evaluate("window.__cspViolations") == [], name
            checked.goto(base + name, wait_until="networkidle")
            checked.evaluate(axe.read_text(encoding="utf-8"))
            found = checked.evaluate(
                "async () => (await axe.run(document)).violations"
                ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"
            )
            assert found == [], (name, found)
        chromium.close()
    assert all(url.startswith(base) for url in requests)
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", *(str(html.outdir / n) for n in names)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
