"""Clear errors: :mod:`.bibcheck` for refs.bib, :mod:`.pagecheck` for the pages."""
