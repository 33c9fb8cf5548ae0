"""Paper pages share one navigation tree.

Sphinx renders a page's navigation (the ``toctree`` its templates call, for
furo's sidebar) for every page: a copy of the whole toctree, resolved and
written as HTML. Every paper page lies in the same folder and none is in the
toctree, so their navigation trees are the same: this renders it once per build
and set of arguments, on ``html-page-context`` before the theme asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import docutils.nodes

from ..pages.paper_pages import PAPER_KEY

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class SharedNavigation:
    """The navigation of the paper pages, rendered once per build."""

    def __init__(self) -> None:
        self.rendered: dict[str, str] = {}

    def forget(self, app: Sphinx) -> None:
        """A new build renders it anew (``builder-inited``)."""
        self.rendered = {}

    def share(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: docutils.nodes.document | None,
    ) -> None:
        """Give a paper page the navigation already rendered for another."""
        toctree = context.get("toctree")
        if not app.config.research_site_speed or PAPER_KEY not in context or toctree is None:
            return
        context["toctree"] = self.shared(toctree)

    def shared(self, toctree: Callable[..., str]) -> Callable[..., str]:
        def render(**kwargs: Any) -> str:
            key = repr(sorted(kwargs.items()))
            if key not in self.rendered:
                self.rendered[key] = toctree(**kwargs)
            return self.rendered[key]

        return render
