"""How citations of the owner's papers read, worked out from the research pages' sources
and refs.bib (tests/refsbib.py), for the HTML, EPUB and PDF tests."""

from __future__ import annotations

import re

from conftest import PROJECT, project_papers


def cited_numbers(text: str) -> list[int]:
    """``[1–3, 8]`` -> ``[1, 2, 3, 8]``."""
    numbers: list[int] = []
    for first, _, last in re.findall(r"(\d+)(–(\d+))?", text.replace("\u2013", "–")):
        numbers += range(int(first), int(last or first) + 1)
    return numbers


def compressed(numbers: list[int]) -> str:
    """How a citation of *numbers* reads: runs of three or more as ``a–b``."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}\u2013{r[-1]}" if len(r) >= 3 else ", ".join(map(str, r)) for r in runs]
    return f"[{', '.join(parts)}]"


def research_page_citations() -> list[tuple[str, str]]:
    """``(page, how it reads)`` of each citation of the owner's papers in the research pages'
    sources, in order, from their keys and the papers' numbers."""
    numbers = {paper.key: n for n, paper in project_papers().items()}
    found = []
    for source in sorted((PROJECT / "research").glob("*.md")):
        for keys in re.findall(r"\{cite:p\}`([^`]+)`", source.read_text(encoding="utf-8")):
            cited = [numbers.get(key.strip()) for key in keys.split(",")]
            found.append((f"research/{source.stem}.html", compressed(cited) if all(cited) else ""))
    return found
