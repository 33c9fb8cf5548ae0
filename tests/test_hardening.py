"""The Jinja filters that make furo's pages strict, on furo's own markup."""

from __future__ import annotations

import base64
import hashlib

from research_site.hardening import content_security_policy, harden_body

FURO_BODY = """<script>
      document.body.dataset.theme = localStorage.getItem("theme") || "auto";
    </script>
<svg xmlns="http://www.w3.org/2000/svg" style="display: none;">
<path style="opacity: 50%" d="M0"/></svg>
<aside class="sidebar-drawer"></aside><aside class="toc-drawer no-toc"></aside>
<div role="list" class="citation-list">
<div class="citation" id="k" role="doc-biblioentry"></div></div>
"""


def test_body_has_no_inline_code_and_names_its_landmarks() -> None:
    body = harden_body(FURO_BODY, "_static/theme.js")
    assert '<script src="_static/theme.js"></script>' in body
    assert "<script>" not in body and "style=" not in body
    assert 'aria-label="Site navigation"' in body and 'aria-label="On this page"' in body
    assert 'role="listitem"' in body and "doc-biblioentry" not in body
    assert harden_body(body, "_static/theme.js") == body  # idempotent


def test_policy_allows_exactly_the_inline_styles() -> None:
    css = "\n  body { --x: 1; }\n"
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = content_security_policy(f"<style>{css}</style>")
    assert f"style-src 'self' 'sha256-{digest}'" in policy
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    assert "unsafe" not in policy
