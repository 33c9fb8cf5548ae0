"""The strict Content-Security-Policy, computed from what furo's templates render."""

from __future__ import annotations

import base64
import hashlib

from research_site.pages.assets import content_security_policy


def sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_policy_allows_exactly_the_inline_styles_and_style_attributes() -> None:
    css = "\n  body { --x: 1; }\n"
    icons = '<svg style="display: none;"><path style="opacity: 50%"/><path style="opacity: 50%"/>'
    policy = content_security_policy(f"<link><style>{css}</style>", icons)
    assert f"style-src 'self' 'sha256-{sha256(css)}' 'unsafe-hashes'" in policy
    for value in ("display: none;", "opacity: 50%"):
        assert f"'sha256-{sha256(value)}'" in policy
    assert policy.count("sha256-") == 3
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_policy_without_style_attributes_needs_no_hashes_of_them() -> None:
    policy = content_security_policy("<style>a{}</style>", "<svg></svg>")
    assert "unsafe-hashes" not in policy
