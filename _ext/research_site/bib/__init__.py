"""What refs.bib says about each entry, in pure Python on pybtex's data (no Sphinx).

- :mod:`.texts`: BibTeX field values (LaTeX) as pybtex rich text and as plain text;
- :mod:`.annotations`: the ``author+an`` markers (equal contribution, project lead);
- :mod:`.dates`: months and publication dates;
- :mod:`.links`: the links of an entry (arXiv, DOI, venue page);
- :mod:`.facts`: every fact the site shows about one entry, computed in one place;
- :mod:`.library`: the entries of refs.bib, the owner's papers and their numbers;
- :mod:`.cleanbib`: the clean BibTeX record a reader copies or downloads.
"""
