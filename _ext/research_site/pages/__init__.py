"""What HTML builders write besides the documents, and what every page carries.

- :mod:`.paper_pages`: a page per paper (``html-collect-pages``);
- :mod:`.metadata`: Highwire, JSON-LD and OpenGraph of paper pages, the owner's ``Person``;
- :mod:`.downloads`: the clean ``.bib`` of every paper;
- :mod:`.sitemap`: sphinx-sitemap's sitemap kept whole;
- :mod:`.assets`: stylesheet, template overrides (strict CSP), code assets where needed;
- :mod:`.epub`: byte-identical EPUB files.
"""
