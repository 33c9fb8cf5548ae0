"""A page per paper, with the metadata Google Scholar, Zotero and link previews read.

On ``html-collect-pages`` every entry of refs.bib becomes a page at
``publications/<key>.html`` (HTML builder only; no source file is written;
rendered and rewritten as :mod:`.pageshell` says): its
label, the entry in the site's style, links, the clean BibTeX and "Discussed
in" (its body: :mod:`.paperbody`). Its ``<head>`` carries Highwire ``citation_*`` tags, schema.org
``ScholarlyArticle`` JSON-LD, OpenGraph and a description. The home page gets
schema.org ``Person`` JSON-LD for the owner.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import docutils.nodes
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from pybtex.style import FormattedEntry
from sphinx.util.osutil import relative_uri

from .assets import HAS_CODE
from .backlinks import page_titles, places_by_key
from .entries import title_uri
from .formatcache import digest_of
from .freshness import wrote_documents
from .gctuning import freeze_rest_of_build, young_garbage_collected
from .hardening import THEME_SCRIPT_FILE as THEME_SCRIPT
from .hardening import harden_body
from .links import arxiv_id, entry_links, has_paper_pages, paper_pagename
from .pageshell import (
    GeneratedPage,
    PageJob,
    PageRecord,
    PageShell,
    PageWriter,
    inputs_digest,
    package_digest,
)
from .paperbody import PaperBodies, PaperSource, entry_title, plain, write_entries
from .style import MONTHS, TITLE, field_text, full_name, month_name

if TYPE_CHECKING:
    from pybtex.style.formatting import BaseStyle
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinxcontrib.bibtex.domain import BibtexDomain


def absolute_url(app: Sphinx, pagename: str) -> str:
    """The page's URL under ``html_baseurl`` (or its relative file name without one)."""
    target = app.builder.get_target_uri(pagename)
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{target}" if base else target


def person_names(entry: Entry) -> list[str]:
    return [plain(full_name(person)) for person in entry.persons.get("author", [])]


def publication_date(entry: Entry, separator: str = "/") -> str:
    """``2025/05`` (Highwire) or ``2025-05`` (schema.org); the year alone without a month."""
    year = entry.fields["year"]
    if "month" not in entry.fields:
        return year
    return f"{year}{separator}{MONTHS.index(month_name(entry.fields['month'])) + 1:02d}"


def venue(entry: Entry) -> str:
    for name in ("booktitle", "journal"):
        if name in entry.fields:
            return plain(field_text(entry.fields[name]))
    return ""


def meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{name}" content="{html.escape(content)}" />'


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD block, on one line; ``</`` is escaped so the data cannot end the script."""
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def paper_head(app: Sphinx, entry: Entry, names: list[str], title: str, url: str) -> str:
    """The metadata of one paper page's ``<head>`` (*names*: its authors, as text)."""
    description = paper_description(entry, names)
    tags = [meta("description", description), meta("citation_title", title)]
    tags += [meta("citation_author", name) for name in names]
    tags.append(meta("citation_publication_date", publication_date(entry)))
    where = venue(entry)
    if entry.type == "article" and where:
        tags.append(meta("citation_journal_title", where))
    elif where:
        tags.append(meta("citation_conference_title", where))
    identifier = arxiv_id(entry)
    if identifier:
        tags.append(meta("citation_arxiv_id", identifier))
        tags.append(meta("citation_pdf_url", f"https://arxiv.org/pdf/{identifier}"))
    tags.append(meta("citation_abstract_html_url", url))
    tags += [
        meta("og:title", title, "property"),
        meta("og:type", "article", "property"),
        meta("og:url", url, "property"),
        meta("og:description", description, "property"),
        meta("og:site_name", app.config.project, "property"),
    ]
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": title,
        "headline": title,
        "author": [{"@type": "Person", "name": name} for name in names],
        "datePublished": publication_date(entry, "-"),
        "url": url,
    }
    if where:
        article["isPartOf"] = {"@type": "PublicationEvent", "name": where}
        article["publisher"] = {"@type": "Organization", "name": where}
    same_as = [link.url for link in entry_links(entry) if link.text in {"arXiv"}]
    if same_as:
        article["sameAs"] = same_as
    tags.append(json_ld(article))
    return "\n    ".join(tags)


#: The record of written paper pages, in the doctree directory.
PAGE_RECORD = "research-site-paper-pages.pickle"


#: Where the builder keeps the paper pages' writer once started.
WRITER_ATTRIBUTE = "research_site_paper_pages"


def start_paper_pages(app: Sphinx, doctree: docutils.nodes.document, docname: str) -> None:
    """Under ``-j``, start writing the paper pages with the first document resolved.

    The builder is ready for pages then, and the forked writers run while
    Sphinx resolves and writes the documents (its main process mostly waits).
    """
    builder = app.builder
    if app.parallel > 1 and has_paper_pages(app) and not hasattr(builder, WRITER_ATTRIBUTE):
        writer = paper_page_writer(app)
        setattr(builder, WRITER_ATTRIBUTE, writer)
        # written here once, each entry's HTML is shared by the forked writers and the list
        write_entries(app, [job.source for job in writer.jobs])
        writer.start()


def collect_paper_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Write one page per entry of refs.bib, for ``html-collect-pages``.

    The pages are filled in from one render of the page template
    (:class:`.PageShell`), and only pages whose inputs changed are written;
    nothing is left for Sphinx to render. Under ``-j`` the writing started
    earlier (:func:`start_paper_pages`), and is waited for here.
    """
    if not has_paper_pages(app):
        return []
    with young_garbage_collected():
        writer = getattr(app.builder, WRITER_ATTRIBUTE, None)
        if writer is None:
            writer = paper_page_writer(app)
            writer.start()
        writer.finish()
    freeze_rest_of_build()
    if hasattr(app.builder, WRITER_ATTRIBUTE):
        delattr(app.builder, WRITER_ATTRIBUTE)
    return []


def paper_page_writer(app: Sphinx) -> PageWriter:
    """The writer of the paper pages whose inputs changed (stale pages are removed)."""
    builder = cast("StandaloneHTMLBuilder", app.builder)
    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    entries = list(domain.bibdata.data.entries.values())
    remove_stale_pages(app, {paper_pagename(app, entry.key) for entry in entries})
    outfile_uri = builder.get_target_uri(paper_pagename(app, "page"))
    shell = PageShell(
        builder,
        app.config.research_site_paper_dir,
        "page.html",
        lambda body: harden_body(body, relative_uri(outfile_uri, THEME_SCRIPT)),
        {HAS_CODE: True},
    )
    if not app.config.research_site_caches:
        shell.trusted = False
    record = PageRecord(
        Path(builder.doctreedir, PAGE_RECORD), enabled=app.config.research_site_caches
    )
    # Sphinx rewrites its pages when their templates, theme, settings or navigation may
    # have changed; when it writes none, the shell is the one the last build rendered.
    if record.previous_shell_digest and not wrote_documents(app):
        record.shell_digest = record.previous_shell_digest
    else:
        record.shell_digest = shell.digest
    citing = places_by_key(app.env)
    titles = page_titles(app.env)
    common = (
        record.shell_digest,
        package_digest(),
        app.config.project,
        app.config.research_site_list_doc,
    )
    jobs = []
    # as builder.get_outfilename(paper_pagename(app, key)) gives it, for the "html" builder
    folder, suffix = Path(app.outdir, app.config.research_site_paper_dir), builder.out_suffix
    for entry, formatted in formatted_entries(app, entries):
        outfile = folder / f"{entry.key}{suffix}"
        places = citing.get(entry.key.lower(), [])
        digest = inputs_digest(
            common,
            digest_of(app.env, entry),
            formatted.label,
            places,
            [titles.get(p.docname) for p in places],
        )
        if not record.unchanged(outfile, digest):
            jobs.append(PageJob(outfile, digest, PaperSource(entry, formatted, places)))
    return PageWriter(app, shell, record, jobs, partial(paper_pages, app, PaperBodies(app)))


def paper_pages(app: Sphinx, bodies: PaperBodies, jobs: Sequence[PageJob]) -> list[GeneratedPage]:
    """The title, head metadata and body of each job's paper page."""
    sources: list[PaperSource] = [job.source for job in jobs]
    names = [paper_pagename(app, source.entry.key) for source in sources]
    pages = []
    for pagename, source, body in zip(names, sources, bodies(names, sources), strict=True):
        entry = source.entry
        title = entry_title(entry)
        url = absolute_url(app, pagename)
        head = paper_head(app, entry, person_names(entry), title, url)
        pages.append(GeneratedPage(name=entry.key, title=title, metatags=head, body=body))
    return pages


def formatted_entries(app: Sphinx, entries: list[Entry]) -> list[tuple[Entry, FormattedEntry]]:
    """Each entry with its formatted text and label, as the publication list has them.

    Entries placed in a bibliography were formatted once by sphinxcontrib-bibtex
    (the domain keeps them); only entries listed nowhere are formatted here.
    """
    domain = cast("BibtexDomain", app.env.get_domain("cite"))
    formatted = {citation.key: citation.formatted_entry for citation in domain.citations}
    missing = [entry for entry in entries if entry.key not in formatted]
    if missing:
        style: BaseStyle = find_plugin("pybtex.style.formatting", app.config.bibtex_default_style)()
        formatted.update((f.key, f) for f in style.format_entries(missing))
    return [(entry, formatted[entry.key]) for entry in entries]


def remove_stale_pages(app: Sphinx, current: set[str]) -> None:
    """Delete pages of papers no longer in refs.bib (left by an earlier build)."""
    folder = Path(app.outdir, app.config.research_site_paper_dir)
    for path in folder.glob("*.html"):
        pagename = posixpath.join(app.config.research_site_paper_dir, path.stem)
        if pagename not in current and pagename not in app.env.found_docs:
            path.unlink()


def paper_description(entry: Entry, names: list[str]) -> str:
    """``Authors. Venue, Year.`` for previews and search results (*names*: the authors)."""
    authors = ", ".join(names[:3]) + (" et al" if len(names) > 3 else "")
    where = venue(entry) or ("Under review" if entry.fields.get("pubstate") else "Preprint")
    return f"{authors}. {where}, {entry.fields['year']}."


def person_json_ld(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: docutils.nodes.document | None,
) -> None:
    """schema.org ``Person`` of the owner on the home page."""
    if pagename != app.config.root_doc or not has_paper_pages(app):
        return
    person: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": app.config.research_site_owner,
        "jobTitle": app.config.research_site_owner_position,
        "affiliation": {
            "@type": "Organization",
            "name": app.config.research_site_owner_affiliation,
        },
    }
    if app.config.research_site_owner_homepage:
        person["sameAs"] = [app.config.research_site_owner_homepage]
    context["metatags"] = context.get("metatags", "") + "\n    " + json_ld(person)


def link_titles_to_paper_pages(app: Sphinx, doctree: docutils.nodes.document, docname: str) -> None:
    """Make each entry's title in a list a link to the paper's own page."""
    if not has_paper_pages(app):
        return
    for citation in doctree.findall(docutils.nodes.citation):
        if not citation["ids"]:
            continue
        for title in citation.findall(docutils.nodes.inline):
            if TITLE in title["classes"]:
                uri = title_uri(app, docname, citation)
                link = docutils.nodes.reference("", "", *title.children, refuri=uri, internal=True)
                title.children = []
                title += link
                break


def setup(app: Sphinx) -> None:
    """Register the settings and connect the handlers."""
    app.add_config_value("research_site_paper_dir", "publications", "html", types=[str])
    app.add_config_value("research_site_list_doc", "publications/index", "html", types=[str])
    app.add_config_value("research_site_owner_position", "", "html", types=[str])
    app.add_config_value("research_site_owner_affiliation", "", "html", types=[str])
    app.add_config_value("research_site_owner_homepage", "", "html", types=[str])
    app.connect("doctree-resolved", start_paper_pages, priority=900)
    app.connect("html-collect-pages", collect_paper_pages)
    app.connect("html-page-context", person_json_ld)
    # after entries.finish_entries (priority 500) has given each entry its parts
    app.connect("doctree-resolved", link_titles_to_paper_pages, priority=600)
