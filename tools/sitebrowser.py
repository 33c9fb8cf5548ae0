"""A built site served on 127.0.0.1 and read in Debian's Chromium (Playwright).

Shared by the browser tests and the measuring scripts (tools/page-weight,
tools/lighthouse-scores): nothing here leaves the machine.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


#: Types compressed on the way, as Read the Docs' servers do.
COMPRESSED = (".html", ".css", ".js", ".svg", ".xml", ".json", ".txt")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the client accepts it (as the site's
    host does: Lighthouse's figures then measure what a reader gets)."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib name)
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on a free port of 127.0.0.1; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def html_pages(directory: Path) -> list[str]:
    """Every HTML page of a built site, relative to it."""
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*.html"))


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with no background traffic."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


def page_weight(browser: Any, url: str) -> int:
    """Bytes of everything the page at *url* loads (uncompressed bodies)."""
    page = browser.new_page()
    sizes: list[int] = []
    page.on("response", lambda response: sizes.append(len(response.body())))
    page.goto(url, wait_until="networkidle")
    page.close()
    return sum(sizes)
