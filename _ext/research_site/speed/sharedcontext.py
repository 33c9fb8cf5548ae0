"""Paper pages share what depends only on their folder: navigation, asset links, paths.

For every page it writes, Sphinx renders the navigation (the ``toctree`` the
theme calls: a copy of the whole toctree, resolved and written as HTML), works
out each stylesheet's and script's checksum (``css_tag``, ``js_tag``) and each
link's relative path (``pathto``). Every paper page lies in the same folder and
none is in the toctree, so these give the same results on every paper page:
on ``html-page-context``, before the theme uses them, a paper page gets them
remembered from the paper pages before it in this build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

import docutils.nodes

from ..pages.paper_pages import PAPER_KEY

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The template context's functions whose results depend only on the page's folder.
SHARED = ("toctree", "css_tag", "js_tag", "pathto")


class SharedContext:
    """The results of :data:`SHARED` on the paper pages of one build."""

    def __init__(self) -> None:
        self.results: dict[tuple[str, Hashable], Any] = {}

    def forget(self, app: Sphinx) -> None:
        """A new build works them out anew (``builder-inited``)."""
        self.results = {}

    def share(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: docutils.nodes.document | None,
    ) -> None:
        """Give a paper page the functions' results already worked out for another."""
        if app.config.research_site_speed and PAPER_KEY in context:
            for name in SHARED:
                if name in context:
                    context[name] = self.remembered(name, context[name])

    def remembered(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Hashable, **kwargs: Hashable) -> Any:
            key = (name, (args, tuple(sorted(kwargs.items()))))
            if key not in self.results:
                self.results[key] = function(*args, **kwargs)
            return self.results[key]

        return call
