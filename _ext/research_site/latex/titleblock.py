"""The PDF's title block (name, position, advisor, links, "as of <month year>"), its
running foot and metadata, unless conf.py's ``latex_elements`` sets ``maketitle``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util.i18n import format_date
from sphinx.util.texescape import escape

from ..config import contact_links, owner_position

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: What the PDF is, for its metadata.
SUBJECT = "Research statement and publications"


def title_block(config: Config) -> str:
    """The LaTeX of the title block, the running foot and the PDF's metadata."""

    def tex(text: str) -> str:
        return escape(text, config.latex_engine)

    owner = config.research_site_owner
    native = (
        f"\\quad{{\\Large {tex(config.research_site_owner_native)}}}"
        if config.research_site_owner_native
        else ""
    )
    position = owner_position(config)
    links = " \\textperiodcentered\\ ".join(
        f"\\href{{{url}}}{{{tex(url.removeprefix('mailto:').removeprefix('https://').rstrip('/'))}}}"
        for _, url in contact_links(config)
    )
    date = format_date("%B %Y", language=config.language or "en")
    keywords = ", ".join(config.research_site_keywords)
    return "\n".join(
        [
            f"\\researchsitefoot{{{tex(owner)}}}",
            f"\\hypersetup{{pdftitle={{{tex(owner)}: {SUBJECT.lower()}}},",
            f"  pdfauthor={{{tex(owner)}}}, pdfsubject={{{SUBJECT}}},",
            f"  pdfkeywords={{{tex(keywords)}}}}}",
            "\\begin{researchsitetitleblock}",
            f"  {{\\LARGE\\bfseries {tex(owner)}}}{native}\\par",
            f"  \\smallskip {tex(position)}\\par" if position else "",
            f"  \\smallskip {links}\\par" if links else "",
            f"  \\smallskip {{\\small as of {tex(date)}}}\\par",
            "\\end{researchsitetitleblock}",
        ]
    )


def set_title_block(app: Sphinx, config: Config) -> None:
    """Make the title block the ``maketitle`` (unless conf.py sets one)."""
    if "maketitle" not in config.latex_elements:
        config.latex_elements = {**config.latex_elements, "maketitle": title_block(config)}
