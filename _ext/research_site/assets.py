"""The extension's static files and template overrides, for HTML builders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils.nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
STYLESHEET = "research_site.css"


def add_static_dir(app: Sphinx, config: Config) -> None:
    """Add the static and template folders (on every run, so the config stays equal)."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES_DIR))


def add_stylesheet(app: Sphinx) -> None:
    """Link the stylesheet from HTML pages (EPUB included)."""
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


#: Files only pages with code blocks need (highlighting, copy buttons).
CODE_ASSETS = frozenset({"pygments.css", "copybutton.css", "copybutton.js", "clipboard.min.js"})

#: Context key by which a page without a doctree (a generated page) says it shows code.
HAS_CODE = "research_site_has_code"

#: Attribute by which a node holding already-written HTML says that HTML shows code.
SHOWS_CODE = "research_site_shows_code"


def shows_code(node: docutils.nodes.Node) -> bool:
    """A code block, or a node of HTML that holds one."""
    return isinstance(node, docutils.nodes.literal_block) or (
        isinstance(node, docutils.nodes.Element) and bool(node.get(SHOWS_CODE))
    )


def drop_unused_code_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: docutils.nodes.document | None,
) -> None:
    """Leave code-block assets out of pages without code: lighter pages."""
    if doctree is None and context.get(HAS_CODE):
        return
    if doctree is not None and next(iter(doctree.findall(shows_code)), None):
        return
    for name in ("css_files", "script_files"):
        if name in context:
            context[name] = [
                asset
                for asset in context[name]
                if Path(str(getattr(asset, "filename", asset))).name not in CODE_ASSETS
            ]


def setup(app: Sphinx) -> None:
    """Connect the handlers."""
    app.connect("config-inited", add_static_dir)
    app.connect("builder-inited", add_stylesheet)
    app.connect("html-page-context", drop_unused_code_assets)
