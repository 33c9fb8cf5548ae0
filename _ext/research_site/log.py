"""The extension's warnings, each of type ``research_site`` with a subtype that
``suppress_warnings`` can name (e.g. ``research_site.coauthors``)."""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

logger = logging.getLogger("research_site")


def warn(message: str, location: Any, subtype: str) -> None:
    """Log *message* at *location* (a node, ``(docname, line)`` or ``file:line``)."""
    logger.warning(message, location=location, type="research_site", subtype=subtype)
