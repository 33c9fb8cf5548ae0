"""What Google Scholar, Zotero and link previews read in ``<head>``: Highwire tags,
schema.org JSON-LD and OpenGraph of paper pages, the owner's ``Person`` on the home page.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from ..bib.facts import EntryFacts
from ..bib.links import arxiv_url, doi_url
from ..bib.names import short_author_list
from ..bib.texts import plain
from ..config import contact_links
from ..outputs import PAPER_PAGES, gets

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: The Highwire tag that names each kind of venue.
VENUE_TAGS = {
    "journal": "citation_journal_title",
    "conference": "citation_conference_title",
    "thesis": "citation_dissertation_institution",
    "report": "citation_technical_report_institution",
}


def meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{name}" content="{html.escape(content)}" />'


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD block on one line; ``</`` is escaped so the data cannot end the script."""
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def paper_description(facts: EntryFacts) -> str:
    """``Authors. Venue line.`` for previews and search results."""
    names = [author.plain for author in facts.named_authors]
    authors = short_author_list(names, len(names) == len(facts.authors), 3)
    return f"{authors.removesuffix('.')}. {plain(facts.venue_line())}."


def scholarly_article(facts: EntryFacts, url: str) -> dict[str, Any]:
    """schema.org ``ScholarlyArticle`` of a paper page."""
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": facts.title_plain,
        "headline": facts.title_plain,
        "author": [{"@type": "Person", "name": author.plain} for author in facts.named_authors],
        "datePublished": facts.date.iso("-"),
        "url": url,
    }
    if facts.venue_plain:
        article["isPartOf"] = {"@type": "PublicationEvent", "name": facts.venue_plain}
        article["publisher"] = {"@type": "Organization", "name": facts.venue_plain}
    same = [arxiv_url(facts.arxiv_id)] if facts.arxiv_id else []
    if facts.doi:
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": facts.doi}
        same.append(doi_url(facts.doi))
    if same:
        article["sameAs"] = same
    if facts.abstract:
        article["abstract"] = plain(facts.abstract)
    videos = [link.url for link in facts.links if link.field == "video" and not link.local]
    if videos:
        article["video"] = {"@type": "VideoObject", "name": facts.title_plain, "url": videos[0]}
    return article


def paper_head(facts: EntryFacts, url: str, site_name: str) -> str:
    """The metadata of one paper page's ``<head>``, as HTML."""
    title, description = facts.title_plain, paper_description(facts)
    tags = [meta("description", description), meta("citation_title", title)]
    tags += [meta("citation_author", author.plain) for author in facts.named_authors]
    tags.append(meta("citation_publication_date", facts.date.iso("/")))
    venue_tag = VENUE_TAGS.get(facts.venue.kind)
    if venue_tag and facts.venue_plain:
        tags.append(meta(venue_tag, facts.venue_plain))
    tags += [meta(f"citation_{part}", value) for part, value in facts.venue.numbers]
    if facts.doi:
        tags.append(meta("citation_doi", facts.doi))
    if facts.abstract:
        tags.append(meta("citation_abstract", plain(facts.abstract)))
    if facts.arxiv_id:
        tags.append(meta("citation_arxiv_id", facts.arxiv_id))
        tags.append(meta("citation_pdf_url", arxiv_url(facts.arxiv_id, "pdf")))
    tags.append(meta("citation_abstract_html_url", url))
    tags += [
        meta("og:title", title, "property"),
        meta("og:type", "article", "property"),
        meta("og:url", url, "property"),
        meta("og:description", description, "property"),
        meta("og:site_name", site_name, "property"),
    ]
    tags.append(json_ld(scholarly_article(facts, url)))
    return "\n    ".join(tags)


def add_person_json_ld(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """schema.org ``Person`` of the owner, on the home page."""
    if pagename != app.config.root_doc or not gets(app.builder, PAPER_PAGES):
        return
    config = app.config
    person: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": config.research_site_owner,
        "jobTitle": config.research_site_owner_position,
        "affiliation": {"@type": "Organization", "name": config.research_site_owner_affiliation},
    }
    if config.research_site_owner_native:
        person["alternateName"] = config.research_site_owner_native
    if config.research_site_owner_homepage:
        person["url"] = config.research_site_owner_homepage
    same = [url for _, url in contact_links(config) if not url.startswith("mailto:")]
    if same:
        person["sameAs"] = same
    if config.research_site_owner_email:
        person["email"] = config.research_site_owner_email
    context["metatags"] = context.get("metatags", "") + "\n    " + json_ld(person)
