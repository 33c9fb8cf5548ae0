"""Mistakes in pages that would pass silently or crash: an unknown citation key (reported
once, with the closest keys), a ``:filter:`` comparing with a number, a fence printed as text.
"""

from __future__ import annotations

import ast
import difflib
import re
from typing import TYPE_CHECKING

import docutils.nodes
from sphinx.addnodes import pending_xref
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from ..adapter import select_nothing
from ..listings.domain import cite_domain
from ..log import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

FENCE_AS_TEXT = re.compile(r"^\s*(:{3,}|`{3,})\s*\{[\w:.-]+\}")


def suppress_stock_key_warning(app: Sphinx, config: Config) -> None:
    """Report unknown keys once, with this module's message."""
    if "bibtex.key_not_found" not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, "bibtex.key_not_found"]


def check_cited_keys(app: Sphinx, doctree: docutils.nodes.document) -> None:
    """Warn at every citation of a key that no bib file has."""
    known = {key.lower(): key for key in cite_domain(app.env).bibdata.data.entries.keys()}
    for ref in doctree.findall(pending_xref):
        if ref.get("refdomain") != "cite":
            continue
        for target in parse_citation_targets(ref["reftarget"]):
            if target.key.lower() in known:
                continue
            close = difflib.get_close_matches(target.key.lower(), list(known), n=3)
            hint = f" (did you mean {', '.join(repr(known[c]) for c in close)}?)" if close else ""
            message = f"unknown citation key '{target.key}'{hint}: add an entry with this key"
            warn(f"{message} to refs.bib or correct the key", ref, "unknown_key")


def numeric_comparisons(tree: ast.AST) -> list[str]:
    """Parts of a filter that compare or compute with a number."""
    found = []
    for node in ast.walk(tree):
        operands: list[ast.expr] = []
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.BinOp):
            operands = [node.left, node.right]
        numbers = [op for op in operands if isinstance(op, ast.Constant)]
        if any(type(op.value) in (int, float) for op in numbers):
            found.append(ast.unparse(node))
    return found


def check_filters(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about filters that would crash, and neutralise them.

    sphinxcontrib-bibtex (checked with 2.7.0) turns a filter's ValueError into a
    warning, but ``year >= 2023`` compares text with a number and raises a
    TypeError that ends the build in a traceback. (Upstream, ``_FilterVisitor``
    could report any exception of a filter as it reports ValueError.)
    """
    domain = cite_domain(env)
    for key, bibliography in list(domain.bibliographies.items()):
        bad = numeric_comparisons(bibliography.filter_)
        if not bad:
            continue
        message = f"invalid :filter: ({bad[0]}): fields are text, so compare with a quoted"
        warn(f'{message} value, e.g. year >= "2023"', (key.docname, bibliography.line), "filter")
        select_nothing(domain, key)


def check_fences_printed_as_text(app: Sphinx, doctree: docutils.nodes.document) -> None:
    """Warn where a directive fence ended up as a paragraph of text."""
    for para in doctree.findall(docutils.nodes.paragraph):
        match = FENCE_AS_TEXT.match(para.astext())
        if match:
            fence = match[0].strip()
            warn(
                f"a directive is printed as text ('{fence}'): for ':::' fences enable MyST's "
                "colon_fence (myst_enable_extensions in conf.py), or use ``` fences; check "
                "that the fence is closed",
                para,
                "fence_as_text",
            )
