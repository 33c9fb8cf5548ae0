"""The extension's stylesheet, added for HTML builders only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "research_site.css"


def add_static_dir(app: Sphinx, config: Config) -> None:
    """Make the stylesheet's folder a static path (on every run, so the config stays equal)."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def add_stylesheet(app: Sphinx) -> None:
    """Link the stylesheet from HTML pages (EPUB included)."""
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


def setup(app: Sphinx) -> None:
    """Connect the handlers."""
    app.connect("config-inited", add_static_dir)
    app.connect("builder-inited", add_stylesheet)
