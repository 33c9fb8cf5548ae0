"""The seed (tests/data/seed.txt): the owner's own page, the authority for content.

Parsed here so that tests compare the built site with the owner's words, not
with values typed a second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
GROUP = re.compile(r"(?:\[\d+\])+")


@dataclass(frozen=True)
class SeedPaper:
    """One paper as the seed lists it."""

    number: int
    title: str
    authors: tuple[str, ...]  # names without markers
    markers: tuple[str, ...]  # "*", "†", "*†" or "" per author
    venue_line: str


@cache
def seed_text() -> str:
    return (DATA / "seed.txt").read_text(encoding="utf-8")


@cache
def papers() -> dict[int, SeedPaper]:
    """The 18 papers, by number."""
    lines = seed_text().splitlines()
    result = {}
    for i, line in enumerate(lines):
        match = re.match(r"^\[(\d+)\] (.+)$", line)
        if not match:
            continue
        names = [name.strip() for name in lines[i + 1].rstrip(".").split(",")]
        authors = tuple(name.rstrip("*\u2020") for name in names)
        markers = tuple(name[len(author) :] for name, author in zip(names, authors, strict=True))
        result[int(match[1])] = SeedPaper(
            int(match[1]), match[2].strip(), authors, markers, lines[i + 2].strip()
        )
    return result


def citation_groups(line: str) -> list[list[int]]:
    """``"... [8][12]; ... [16]."`` -> ``[[8, 12], [16]]``."""
    return [[int(n) for n in re.findall(r"\d+", group)] for group in GROUP.findall(line)]


#: Research lines of the seed, in order: the line's opening words, and the page
#: and section where the site carries that text.
RESEARCH_SECTIONS = [
    ("Deep Learning Theory:", "research/deep-learning-theory", "deep-learning-theory"),
    ("Expressivity:", "research/deep-learning-theory", "expressivity"),
    ("Optimization:", "research/deep-learning-theory", "optimization"),
    ("Implicit Bias:", "research/deep-learning-theory", "implicit-bias"),
    ("Generalization:", "research/deep-learning-theory", "generalization"),
    ("Algorithm Design:", "research/deep-learning-theory", "algorithm-design"),
    (
        "Transformer and Large Language Model:",
        "research/transformers-llms",
        "transformers-and-large-language-models",
    ),
    ("Expressive Power:", "research/transformers-llms", "expressive-power"),
    ("Algorithm Design:", "research/transformers-llms", "algorithm-design"),
    (
        "Non-convex and Convex Optimization:",
        "research/optimization",
        "non-convex-and-convex-optimization",
    ),
    ("Convex Optimization in ML.", "research/optimization", "convex-optimization-in-ml"),
    ("Non-convex Optimization in ML.", "research/optimization", "non-convex-optimization-in-ml"),
    ("Algorithm Design:", "research/optimization", "algorithm-design"),
]


@cache
def research_citations() -> list[tuple[str, str, list[list[int]]]]:
    """``(page, section id, citation groups)`` for each research line of the seed."""
    lines = [line for line in seed_text().splitlines() if GROUP.search(line)]
    lines = [line for line in lines if not re.match(r"^\[\d+\]", line)]
    assert len(lines) == len(RESEARCH_SECTIONS), lines
    result = []
    for line, (opening, page, section) in zip(lines, RESEARCH_SECTIONS, strict=True):
        assert line.startswith(opening), (line, opening)
        result.append((page, section, citation_groups(line)))
    return result
