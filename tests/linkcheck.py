"""Every internal link of a built site, checked: the file it names exists, and so
does the element its fragment names (HTML output folders and EPUB files)."""

from __future__ import annotations

import posixpath
import zipfile
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

PAGES = (".html", ".xhtml")
LINKS = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"))


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(
        [str(e["id"]) for e in soup.find_all(id=True)]
        + [str(e["name"]) for e in soup.find_all("a", attrs={"name": True})]
    )


def broken_links(root: Path) -> list[str]:
    """``page: link`` for every internal link under *root* that leads nowhere."""
    broken = []
    for page in sorted(p for p in root.rglob("*") if p.suffix in PAGES):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LINKS:
            for element in soup.find_all(tag, attrs={attribute: True}):
                link = str(element[attribute])
                parts = urlsplit(link)
                if parts.scheme or link.startswith(("//", "mailto:", "data:")):
                    continue
                target = page if not parts.path else page.parent / unquote(parts.path)
                target = Path(posixpath.normpath(target))
                if target.is_dir():
                    target = target / "index.html"
                missing = not target.is_file() or (
                    parts.fragment
                    and target.suffix in PAGES
                    and unquote(parts.fragment) not in _ids(target)
                )
                if missing:
                    broken.append(f"{page.relative_to(root)}: {link}")
    return broken


def broken_epub_links(epub: Path, scratch: Path) -> list[str]:
    """:func:`broken_links` of an EPUB, unpacked into *scratch*."""
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(scratch)
    return broken_links(scratch)
