"""Hostile text is text: titles and names with HTML/LaTeX specials, accents and
non-Latin scripts show literally in HTML (no injected markup) and compile in LaTeX.

Property test (hypothesis): a site with generated entries is built as HTML and
as LaTeX, and the LaTeX is compiled with XeLaTeX as the project does.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import Build, require_tool

#: How a literal character is written in a BibTeX field (LaTeX escapes; pybtex decodes them).
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "&": r"\&",
    "'": "{'}",  # two apostrophes in a row are LaTeX's closing quote
}
SPECIALS = "<>&\"'%$#_~^\\"  # braces come in pairs (BibTeX counts escaped ones too)
LETTERS = "abcXYZéüßøñ王铭泽Ωжλ"
NAME_SPECIALS = "<>&\"'%#_~"  # names: no braces, dollars or carets (BibTeX name syntax)

plain_word = st.text(alphabet=SPECIALS + LETTERS, min_size=1, max_size=8)
word = st.one_of(plain_word, plain_word.map(lambda w: "{" + w + "}"))
title = st.lists(word, min_size=1, max_size=5).map(" ".join)
name_word = st.text(alphabet=NAME_SPECIALS + LETTERS, min_size=1, max_size=6).filter(
    lambda w: w.lower() != "and"
)
person = st.tuples(name_word, name_word).map(" ".join)


def bibtex(text: str) -> str:
    return "".join(BIBTEX_ESCAPES.get(ch, ch) for ch in text)


def refs_bib(entries: list[tuple[str, list[str]]]) -> str:
    """The entries as the owner's papers (``ownpaper``: the first author is the owner)."""
    return "\n".join(
        f"@misc{{hostile{n},\n  author = {{{' and '.join(map(bibtex, names))}}},\n"
        f"  title = {{{bibtex(text)}}},\n  year = {{2025}},\n  ownpaper = {{1}},\n}}\n"
        for n, (text, names) in enumerate(entries, start=1)
    )


def site_with(entries: list[tuple[str, list[str]]]) -> Callable[[Path], None]:
    """Replace the project's papers by *entries*, and its citations by plain text."""

    def edit(root: Path) -> None:
        (root / "refs.bib").write_text(refs_bib(entries), encoding="utf-8")
        for page in (root / "research").glob("*.md"):
            if page.name != "index.md":
                page.write_text(f"# {page.stem}\n\nNo citations.\n", encoding="utf-8")

    return edit


def shown(text: str) -> str:
    return text if text[-1] in ".?!" else text + "."


@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    # each example is two builds and a XeLaTeX run: report a failure unshrunk, in bounded time
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    entries=st.lists(
        st.tuples(title, st.lists(person, min_size=1, max_size=3)), min_size=1, max_size=4
    )
)
def test_hostile_text_is_shown_literally_and_compiles(
    build_copy: Callable[..., Build], entries: list[tuple[str, list[str]]]
) -> None:
    html = build_copy(site_with(entries))
    assert html.warnings == ""
    article = html.article("publications/index.html")
    for n, (text, names) in enumerate(entries, start=1):
        entry = article.find(id=f"hostile{n}")
        title_node = entry.select_one(".pub-title")
        assert title_node.get_text() == shown(text)
        # the only elements are the link to the paper's page and its text: none came out of it
        assert [element.name for element in title_node.find_all(True)] == ["a", "span"]
        assert title_node.a["href"] == f"hostile{n}.html"
        authors = entry.select_one(".pub-authors").get_text()
        assert authors == ", ".join(names) + "."
    assert not article.find_all(["script", "b", "i"])

    require_tool("xelatex")
    latex = build_copy(site_with(entries), builder="latex")
    assert latex.warnings == ""
    result = subprocess.run(
        # one XeLaTeX pass shows whether it compiles (latexmk's reruns only settle references)
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "mingze-wang.tex"],
        cwd=latex.outdir,
        capture_output=True,
        text=True,
    )
    log = (latex.outdir / "mingze-wang.log").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, log[-3000:]
    assert "Missing character" not in log
