"""The site as a reader uses it, in Debian's Chromium driven by Playwright.

The built site is served on 127.0.0.1 by the tests. Checks: navigation to a cited
entry, search, the theme toggle, copying BibTeX, narrow screens, axe-core with
no violations (light and dark), the W3C Nu validator, no request to another host
and no CSP violation on any page. Screenshots go to _build/test-artifacts/.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pybtex.database
import pytest

from conftest import PROJECT, Build, build_project, require_path, require_tool
from research_site.bib.cleanbib import bibtex_record
from seed import research_citations
from sitebrowser import CHROMIUM, html_pages, launch, page_weight, serve

NODE_MODULES = PROJECT / "tests" / "browser" / "node_modules"
ARTIFACTS = PROJECT / "_build" / "test-artifacts"
NPM_HINT = "make test runs npm ci in tests/browser when npm is installed"
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture(scope="module")
def base_url(site: Build) -> Iterator[str]:
    with serve(site.outdir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_tool(CHROMIUM)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser profile with the CSP listener on every page."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.add_init_script(CSP_LISTENER)
    yield ctx
    ctx.close()


def pages(site: Build) -> list[str]:
    return html_pages(site.outdir)


def test_citation_click_lands_on_the_highlighted_entry(context: Any, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url)
    page.locator("article").get_by_role("link", name="Deep learning theory").click()
    page.wait_for_url("**/research/deep-learning-theory.html")
    page.locator("#expressivity span.bibtex-citation a", has_text="8").first.click()
    page.wait_for_url("**/publications/index.html#wang2024expressive")
    entry = page.locator("#wang2024expressive")
    assert entry.is_visible()
    page.wait_for_function(  # the browser scrolls to the anchor once the page is laid out
        "() => { const r = document.getElementById('wang2024expressive').getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }",
        timeout=5000,
    )
    highlight = entry.evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator("#wang2024implicit").evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlight != other, "the target entry is not highlighted"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("GradPower", "publications/index.html"),
        ("sharpness", "publications/index.html"),
        ("label noise", "publications/index.html"),
        ("Tongtian Zhu", "publications/coauthors.html"),
    ],
)
def test_search_finds(context: Any, base_url: str, query: str, expected: str) -> None:
    page = context.new_page()
    page.goto(f"{base_url}search.html?q={query.replace(' ', '+')}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    hrefs = [urlsplit(h).path for h in results.evaluate_all("links => links.map(a => a.href)")]
    assert f"/{expected}" in hrefs
    # each result's text around the words found: no BibTeX record, no preview store
    page.locator("#search-results ul.search li p.context").first.wait_for(timeout=15000)
    page.wait_for_function(  # every result's text fetched (Sphinx says how many it found)
        "() => document.querySelector('#search-results p.search-summary')", timeout=15000
    )
    for snippet in page.locator("#search-results ul.search li p.context").all_inner_texts():
        assert not re.search(r"[@{}]|Discussed in", snippet), snippet
    assert page.evaluate("window.__cspViolations") == []


def test_theme_toggle_switches_and_persists(context: Any, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url)
    toggle = page.locator(".theme-toggle-content .theme-toggle")
    themes = []
    for _ in range(3):
        toggle.click()
        themes.append(page.evaluate("document.body.dataset.theme"))
    assert {"dark", "light"} <= set(themes)
    while page.evaluate("document.body.dataset.theme") != "dark":
        toggle.click()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.goto(base_url + "publications/index.html")
    assert page.evaluate("document.body.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    assert page.evaluate("window.__cspViolations") == []


def test_bibtex_copy_button_copies_exactly_the_record(browser: Any, base_url: str) -> None:
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    ctx.add_init_script(CSP_LISTENER)
    page = ctx.new_page()
    page.goto(base_url + "publications/index.html")
    entry = page.locator("#wang2025gradpower")
    entry.locator("details.pub-bibtex summary").click()
    entry.locator("details.pub-bibtex button.pub-copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert entry.locator("details.pub-bibtex button.pub-copy").inner_text() == "Copied"
    bib = pybtex.database.parse_file(str(PROJECT / "refs.bib"))
    assert copied == bibtex_record(bib.entries["wang2025gradpower"])
    assert page.evaluate("window.__cspViolations") == []
    ctx.close()


def test_no_horizontal_scrolling_at_375px(browser: Any, base_url: str, site: Build) -> None:
    ctx = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = ctx.new_page()
    for path in pages(site):
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide"
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("device", "viewport"), [("desktop", (1280, 900)), ("mobile", (375, 800))])
def test_screenshots(
    browser: Any, base_url: str, scheme: str, device: str, viewport: tuple[int, int]
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme
    )
    page = ctx.new_page()
    for name, path in [("home", ""), ("publications", "publications/index.html")]:
        page.goto(base_url + path, wait_until="networkidle")
        shot = ARTIFACTS / f"{name}-{scheme}-{device}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    # a research page with the preview of its second citation open
    page.goto(base_url + "research/deep-learning-theory.html", wait_until="networkidle")
    page.locator(".pub-cite[data-previews] .bibtex-citation a").nth(1).focus()
    page.locator(".pub-popover").wait_for(state="visible", timeout=3000)
    shot = ARTIFACTS / f"preview-{scheme}-{device}.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    ctx.close()


def test_every_page_is_private_and_keeps_its_csp(context: Any, base_url: str, site: Build) -> None:
    """Zero requests to another host, zero CSP violations, and the policy is strict."""
    own_host = urlsplit(base_url).netloc
    elsewhere: list[str] = []
    context.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if urlsplit(request.url).netloc not in (own_host, "")
            and not request.url.startswith("data:")
            else None
        ),
    )
    page = context.new_page()
    for path in pages(site):
        page.goto(base_url + path, wait_until="networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "default-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "http" not in policy, "the policy names another host"
    assert elsewhere == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(browser: Any, base_url: str, site: Build, scheme: str) -> None:
    axe_source = NODE_MODULES / "axe-core" / "axe.min.js"
    require_path(axe_source, NPM_HINT)
    # axe is injected as inline script: this profile alone ignores the page's CSP.
    ctx = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = ctx.new_page()
    found = {}
    for path in pages(site):
        # "load": deferred scripts (furo's theme) have run; the CSP test above waits for
        # network idle on every page, axe needs only the laid-out page.
        page.goto(base_url + path, wait_until="load")
        if path in research_pages(site):  # with a citation's preview open
            page.locator(".pub-cite[data-previews] .bibtex-citation a").first.focus()
            page.locator(".pub-popover").wait_for(state="visible", timeout=3000)
        page.evaluate(axe_source.read_text(encoding="utf-8"))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"
        )
        if violations:
            found[path] = violations
    ctx.close()
    assert found == {}, json.dumps(found, indent=1)


def test_nu_validator_reports_no_errors(site: Build) -> None:
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require_path(jar, NPM_HINT)
    require_tool("java")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            *[str(site.outdir / p) for p in pages(site)],
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == [], "\n".join(errors)


def test_home_page_weight(browser: Any, base_url: str) -> None:
    """The home page with everything it loads stays under 110 KB (tools/page-weight prints all)."""
    assert page_weight(browser, base_url) <= 110 * 1024


def test_lighthouse_scores(site: Build) -> None:
    """Mobile preset on the home, a research, the publications and a paper page
    (tools/lighthouse-scores)."""
    require_tool(CHROMIUM, "node")
    require_path(NODE_MODULES / "lighthouse" / "cli" / "index.js", NPM_HINT)
    result = subprocess.run(
        [sys.executable, str(PROJECT / "tools" / "lighthouse-scores"), str(site.outdir), "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for page, scores in json.loads(result.stdout).items():
        assert scores["accessibility"] == 100, (page, scores)
        assert scores["best-practices"] == 100, (page, scores)
        assert scores["seo"] == 100, (page, scores)
        assert scores["performance"] >= 95, (page, scores)  # timing-sensitive: 100 is the aim


PARTS = (".pub-title", ".pub-authors", ".pub-venue")


def research_pages(site: Build) -> list[str]:
    return [p for p in pages(site) if p.startswith("research/") and p != "research/index.html"]


def as_listed(site: Build, page: str, preview_id: str) -> list[str]:
    """The title, authors and venue of a previewed entry as its list shows them: the
    publication list for a paper, the page's References for a work by others."""
    slug = preview_id.removeprefix("preview-")
    item = site.article(PUBLICATIONS_PAGE).find(id=slug) or site.article(page).find(
        id=f"ref-{slug}"
    )
    assert item is not None, preview_id
    return [" ".join(item.select_one(part).get_text().split()) for part in PARTS]


def shown(popover: Any) -> list[list[str]]:
    """The title, authors and venue of each entry a preview shows."""
    return popover.evaluate(
        "(p, parts) => [...p.querySelectorAll('.pub-preview')].map(e => parts.map("
        "s => e.querySelector(s).textContent.split(/\\s+/).filter(Boolean).join(' ')))",
        list(PARTS),
    )


PUBLICATIONS_PAGE = "publications/index.html"


def open_every_preview(page: Any, base_url: str, site: Build, open_by: str) -> Iterator[Any]:
    """Open each citation's preview of each research page (*open_by*: ``hover`` or ``tap``
    its first number), check that it shows its papers as their lists do, yield the citation,
    and close the preview with Escape."""
    for path in research_pages(site):
        page.goto(base_url + path, wait_until="load")
        cites = page.locator(".pub-cite[data-previews]")
        for n in range(cites.count()):
            cite = cites.nth(n)
            ids = cite.get_attribute("data-previews").split()
            getattr(cite.locator(".bibtex-citation a").first, open_by)()
            popover = cite.locator(".pub-popover")
            popover.wait_for(state="visible", timeout=3000)
            assert page.url == base_url + path, "opening the preview left the page"
            assert shown(popover) == [as_listed(site, path, i) for i in ids], (path, n)
            yield cite
            page.keyboard.press("Escape")
            popover.wait_for(state="detached", timeout=3000)


def test_every_citation_previews_its_papers_on_hover_and_escape_closes(
    context: Any, base_url: str, site: Build
) -> None:
    page = context.new_page()
    count = 0
    for cite in open_every_preview(page, base_url, site, "hover"):
        assert cite.locator("a[aria-expanded=true]").count() >= 1
        count += 1
    page.mouse.move(0, 0)
    assert count >= len(research_citations_of_the_seed())
    assert page.evaluate("window.__cspViolations") == []


def research_citations_of_the_seed() -> list[list[int]]:
    return [group for _, _, groups in research_citations() for group in groups]


def test_every_citation_previews_on_keyboard_focus(
    context: Any, base_url: str, site: Build
) -> None:
    page = context.new_page()
    for path in research_pages(site):
        page.goto(base_url + path, wait_until="load")
        expected = page.locator(".pub-cite[data-previews]").count()
        opened: set[int] = set()
        for _ in range(600):  # Tab through the page, as a keyboard user does
            page.keyboard.press("Tab")
            index = page.evaluate(
                "() => { const c = document.activeElement.closest('.pub-cite');"
                " return c ? [...document.querySelectorAll('.pub-cite')].indexOf(c) : -1; }"
            )
            if index >= 0:
                popover = page.locator(".pub-cite").nth(index).locator(".pub-popover")
                assert popover.is_visible(), (path, index)
                opened.add(index)
            elif page.evaluate("document.activeElement.closest('footer') !== null"):
                break
            assert page.locator(".pub-popover").count() <= 1
        assert len(opened) == expected, path


def test_every_citation_previews_on_tap_at_375px(browser: Any, base_url: str, site: Build) -> None:
    ctx = browser.new_context(
        viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True
    )
    ctx.add_init_script(CSP_LISTENER)
    page = ctx.new_page()
    for cite in open_every_preview(page, base_url, site, "tap"):
        sheet, number = cite.locator(".pub-popover").bounding_box(), cite.bounding_box()
        assert sheet["y"] + sheet["height"] <= 800 + 1 and sheet["width"] <= 375
        apart = number["y"] + number["height"] <= sheet["y"] + 1 or (
            number["y"] >= sheet["y"] + sheet["height"] - 1
        )
        assert apart, "the sheet covers the citation"
    assert page.evaluate("window.__cspViolations") == []
    ctx.close()


def test_a_long_author_list_is_one_keypress_from_every_name(
    browser: Any, tmp_path: Path, rootdir: Path
) -> None:
    """test-long-author-list: 70 authors, the owner 36th."""
    build = build_project(rootdir / "test-long-author-list", tmp_path / "html")
    assert build.warnings == ""
    with serve(build.outdir) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "list.html", wait_until="load")
        authors = page.locator("#big2025report .pub-authors")
        shown = [n for n in authors.inner_text().rstrip(".").split(", ") if n]
        assert len(shown) <= 12 and any("Ada Lovelace" in name for name in shown)
        button = authors.locator("button.pub-more-toggle")
        assert (
            button.inner_text().startswith("+") and button.get_attribute("aria-expanded") == "false"
        )
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        text = authors.inner_text()
        assert all(f"Given{n:02d} Family{n:02d}" in text for n in (1, 9, 35, 37, 70))
        assert "\u2026" not in text
        page.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_entries_read_at_a_glance_and_numbers_never_break(
    browser: Any, base_url: str, width: int
) -> None:
    """At 1280 px the median entry is at most four lines; at either width no page range,
    short venue name or label breaks across lines."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page.goto(base_url + "publications/index.html", wait_until="load")
    lines = page.evaluate(
        "() => [...document.querySelectorAll('li.pub-entry')].map(li => li.getBoundingClientRect()"
        ".height / parseFloat(getComputedStyle(li.querySelector('p')).lineHeight))"
    )
    assert lines
    if width == 1280:
        assert sorted(lines)[len(lines) // 2] <= 4.2, lines
    broken = page.evaluate(
        "() => [...document.querySelectorAll("
        "'li.pub-entry .pub-unbroken, li.pub-entry .pub-label')]"
        ".filter(e => e.getClientRects().length > 1).map(e => e.textContent)"
    )
    assert broken == []
    page.screenshot(path=str(ARTIFACTS / f"entries-{width}.png"), full_page=True)
    page.close()
