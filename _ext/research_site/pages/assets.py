"""The extension's static files and templates, for HTML builders: a strict
Content-Security-Policy (furo's inline styles allowed by their hashes), the favicon, and code
assets only on pages that show code.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils.nodes
from sphinx.util.fileutil import copy_asset

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

PACKAGE = Path(__file__).resolve().parent.parent
STATIC_DIR, TEMPLATES_DIR = PACKAGE / "static", PACKAGE / "templates"
STYLESHEET = "research_site.css"

#: Files only pages with code blocks need (highlighting).
CODE_ASSETS = frozenset({"pygments.css"})

#: Context key by which a page without a doctree (a paper page) says it shows code.
HAS_CODE = "research_site_has_code"

#: The policy; {style_hashes} allows furo's inline styles and style attributes.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' {style_hashes}; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.S)
STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


def copy_static_files(app: Sphinx, builder: Builder) -> None:
    """``write-started``, HTML builders: copy ``static/`` into ``_static`` before the pages
    are written (they link its files with checksums), the favicon's letters filled in:
    ``research_site_initials``, else the owner's initials. The configuration is left as it
    is (``html_static_path`` would read as changed on the next build)."""
    if builder.format != "html":
        return
    config = app.config
    initials = config.research_site_initials or "".join(
        word[0] for word in config.research_site_owner.split()
    )
    context = {"research_site_initials": initials}
    copy_asset(STATIC_DIR, Path(builder.outdir, "_static"), context=context, force=True)


def add_templates_folder(app: Sphinx, config: Config) -> None:
    """Add the templates folder (``config-inited``: the builder loads templates on start;
    on every run, so the option keeps the value it had)."""
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES_DIR))


def add_favicon(context: dict[str, Any]) -> None:
    """The favicon of every page: the site's initials, unless conf.py sets ``html_favicon``."""
    if not context.get("favicon_url"):
        context["favicon_url"] = context["pathto"]("_static/favicon.svg", resource=True)


def sha256_source(text: str) -> str:
    """A CSP hash source (``'sha256-...'``) for inline code *text*."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@lru_cache(maxsize=8)  # the same two inputs on every page of a build
def content_security_policy(styles_html: str, markup_html: str) -> str:
    """The policy allowing the ``<style>`` blocks of *styles_html* and the style
    attributes of *markup_html* (with ``'unsafe-hashes'``: those values only)."""
    blocks = STYLE_BLOCK.findall(styles_html)
    attributes = sorted(set(STYLE_ATTRIBUTE.findall(markup_html)))
    sources = [sha256_source(block) for block in blocks]
    if attributes:
        sources += ["'unsafe-hashes'", *(sha256_source(value) for value in attributes)]
    return POLICY.format(style_hashes=" ".join(sources))


def add_stylesheet(app: Sphinx) -> None:
    """Link the stylesheet from the pages of HTML builders (EPUB included)."""
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


def add_policy_function(context: dict[str, Any]) -> None:
    """Give the templates :func:`content_security_policy` (``templates/base.html`` calls it)."""
    context["research_site_csp"] = content_security_policy


def shows_code(doctree: docutils.nodes.document) -> bool:
    return next(iter(doctree.findall(docutils.nodes.literal_block)), None) is not None


def drop_unused_code_assets(
    context: dict[str, Any], doctree: docutils.nodes.document | None
) -> None:
    """Leave the code blocks' assets out of pages without code: lighter pages."""
    if context.get(HAS_CODE) or (doctree is not None and shows_code(doctree)):
        return
    for name in ("css_files", "script_files"):
        if name in context:
            context[name] = [
                asset
                for asset in context[name]
                if Path(str(getattr(asset, "filename", asset))).name not in CODE_ASSETS
            ]
