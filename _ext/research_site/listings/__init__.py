"""The Sphinx side: directives, nodes, transforms and the domain that list and link papers.

- :mod:`.domain`: where papers are discussed, and the build's library of entries;
- :mod:`.references`: the publication list as a sphinxcontrib-bibtex bibliography,
  and the labels that link to it;
- :mod:`.publications`: ``publication-list`` (by year) and ``selected-publications``;
- :mod:`.coauthors`: ``coauthors`` and ``coauthor-index``;
- :mod:`.entries`: an entry as nodes, put in place by a post-transform;
- :mod:`.nodes`: the disclosure (``<details>``) and pending-entry nodes;
- :mod:`.freshness`: the pages an incremental build writes again.
"""
