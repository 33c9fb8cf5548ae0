"""Furo's pages made strict: a Content-Security-Policy without 'unsafe-inline', and
the markup fixes axe-core asks for.

Furo writes one inline script (the saved colour theme), one inline ``<style>``
(its CSS variables) and a few ``style`` attributes on its SVG icons; docutils
marks bibliography entries with the deprecated ``doc-biblioentry`` role inside a
``role="list"``, and furo's two ``<aside>`` landmarks have no names. The
templates in ``templates/`` pass furo's output through the Jinja filters here:

- :func:`harden_body`: the inline theme script becomes the same script as a
  file, the SVG ``style`` attributes become presentation attributes, the asides
  get names, the entries become list items;
- :func:`content_security_policy`: the policy for the page's ``<meta>``, with
  the hash of furo's inline ``<style>`` as the only inline code allowed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THEME_SCRIPT = re.compile(
    r"<script>\s*document\.body\.dataset\.theme = "
    r"localStorage\.getItem\(\"theme\"\) \|\| \"auto\";\s*</script>"
)
#: The theme script's file (its source is in ``static/``).
THEME_SCRIPT_FILE = "_static/research-site-theme.js"

#: Fixed strings of furo and docutils, and what replaces them.
REPLACEMENTS = (
    (
        '<svg xmlns="http://www.w3.org/2000/svg" style="display: none;">',
        '<svg xmlns="http://www.w3.org/2000/svg" display="none" aria-hidden="true">',
    ),
    ('style="opacity: 50%"', 'opacity="0.5"'),
    (
        '<aside class="sidebar-drawer">',
        '<aside class="sidebar-drawer" aria-label="Site navigation">',
    ),
    ('<aside class="toc-drawer', '<aside aria-label="On this page" class="toc-drawer'),
    ('role="doc-biblioentry"', 'role="listitem"'),
)
STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.S)

#: The policy; {style_hashes} lists the allowed inline styles.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' {style_hashes}; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def harden_body(html: str, theme_script_url: str) -> str:
    """Furo's page body without inline code, with named landmarks and list items."""
    html = THEME_SCRIPT.sub(f'<script src="{theme_script_url}"></script>', html)
    for old, new in REPLACEMENTS:
        html = html.replace(old, new)
    return html


def sha256_source(text: str) -> str:
    """A CSP hash source (``'sha256-...'``) for inline code *text*."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_security_policy(inline_styles_html: str) -> str:
    """The policy allowing exactly the ``<style>`` blocks of *inline_styles_html*."""
    hashes = " ".join(sha256_source(block) for block in STYLE_BLOCK.findall(inline_styles_html))
    return POLICY.format(style_hashes=hashes).replace("  ", " ")


def register_filters(app: Sphinx) -> None:
    """Make the filters available to the HTML templates."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.filters["research_site_harden"] = harden_body
        environment.filters["research_site_csp"] = content_security_policy


def setup(app: Sphinx) -> None:
    """Connect the handler."""
    app.connect("builder-inited", register_filters)
