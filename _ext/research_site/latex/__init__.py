"""The PDF: each year's papers kept in place, styled by ``research-site.sty``."""
