#!/usr/bin/env python3
"""Build-time benchmark: this project's machinery against a stock peer, on N papers.

    python bench/run.py [N ...] [--repeat R] [--site]   (default N: 20 200 2000 5000)

For each N it generates two projects with the same synthetic content (N papers
with authors, markers, venues, eprints over many years; three research pages
citing a tenth of them; one page citing nothing):

- ours: this repository's conf.py and _ext/ (style, year sections, paper pages);
- stock: the same Sphinx, MyST, sphinxcontrib-bibtex and furo with the default
  style and one ``{bibliography}`` directive per year.

With ``--site`` it first compares the site as shipped (this repository's pages
and refs.bib) with a stock peer of the same research pages and entries. It
measures, with /usr/bin/time, the median over R runs (the two projects taking
turns) of: a clean HTML build; a rebuild with no change; after touching a page
that cites nothing; after touching a citing page; after editing one entry of
refs.bib; a clean ``-j 2`` build; and the peak memory of a clean build. It prints a table with the
our/stock ratio of each, measured in the same run. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = (
    "Ada Alan Grace Edsger Barbara John Donald Leslie Tony Frances Ken Niklaus Lei Wei Jing".split()
)
LAST = (
    "Lovelace Turing Hopper Dijkstra Liskov McCarthy Knuth Lamport Hoare Allen Thompson Wirth "
    "Wu Zhang Chen"
).split()
VENUES = [
    ("International Conference on Machine Learning", "ICML"),
    ("Conference on Neural Information Processing Systems", "NeurIPS"),
    ("International Conference on Learning Representations", "ICLR"),
    ("Annual Meeting of the Association for Computational Linguistics", "ACL"),
]
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
WORDS = (
    "learning theory optimization gradient transformer attention implicit bias sharpness "
    "generalization convergence dynamics networks stochastic descent minima"
).split()


def entry(rng: random.Random, n: int) -> str:
    year = 2000 + n * 26 // 10_000 + rng.randrange(0, 3)
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randrange(2, 8))]
    # every entry is the owner's paper, as the stock peer lists every entry
    authors[rng.randrange(len(authors))] = "Mingze Wang"
    venue, short = rng.choice(VENUES)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(5, 11))).capitalize()
    fields = {
        "author": " and ".join(authors),
        "title": f"{title} {n}",
        "booktitle": f"{year} {venue}",
        "shortvenue": f"{short} {year}",
        "year": str(year),
        "pagetotal": str(rng.randrange(8, 90)),
        "eprint": f"{year % 100:02d}{rng.randrange(1, 13):02d}.{10000 + n:05d}",  # one per paper
        "archiveprefix": "arXiv",
        "url": f"https://openreview.net/forum?id=b{n}x",
    }
    if rng.random() < 0.3:
        fields["author+an"] = "1=equal; 2=equal,lead"
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@inproceedings{{paper{n},\n{body},\n  month = {rng.choice(MONTHS)},\n}}\n"


def research_page(title: str, keys: list[str]) -> str:
    groups = [keys[i : i + 3] for i in range(0, len(keys), 3)]
    paragraphs = [f"Work on {title.lower()} {{cite:p}}`{','.join(g)}`." for g in groups]
    sections = [f"## Topic {i + 1}\n\n" + "\n\n".join(paragraphs[i::4]) for i in range(4)]
    return f"# {title}\n\n" + "\n\n".join(sections) + "\n"


def make_content(src: Path, n: int) -> list[str]:
    rng = random.Random(n)
    (src / "refs.bib").write_text("\n".join(entry(rng, i) for i in range(1, n + 1)), "utf-8")
    keys = [f"paper{i}" for i in range(1, n + 1)]
    cited = rng.sample(keys, max(3, n // 10))
    (src / "research").mkdir()
    for i, name in enumerate(("theory", "models", "optimization")):
        (src / "research" / f"{name}.md").write_text(
            research_page(name.capitalize(), cited[i::3]), "utf-8"
        )
    (src / "research" / "notes.md").write_text("# Notes\n\nNothing cited here.\n", "utf-8")
    (src / "research" / "index.md").write_text(
        "# Research\n\n```{toctree}\ntheory\nmodels\noptimization\nnotes\n```\n", "utf-8"
    )
    return bib_years(src / "refs.bib")


def make_ours(src: Path, n: int) -> None:
    src.mkdir(parents=True)
    for name in ("conf.py", "_ext", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, src / name)
    make_content(src, n)
    (src / "publications").mkdir()
    (src / "publications" / "index.md").write_text(
        "# Publications\n\n```{publication-list}\n```\n\n"
        "```{toctree}\n:hidden:\n\ncoauthors\n```\n",
        "utf-8",
    )
    (src / "publications" / "coauthors.md").write_text(
        "# Co-authors\n\n```{coauthors}\n```\n\n```{coauthor-index}\n```\n", "utf-8"
    )
    (src / "index.md").write_text(
        "# Bench\n\n```{toctree}\nresearch/index\npublications/index\n```\n", "utf-8"
    )


STOCK_CONF = """
project = "Bench"
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
html_theme = "furo"
exclude_patterns = ["_build"]
"""


def make_stock(src: Path, n: int) -> None:
    src.mkdir(parents=True)
    (src / "conf.py").write_text(STOCK_CONF, "utf-8")
    stock_publications(src, make_content(src, n))


def bib_years(bib: Path) -> list[str]:
    """The years of a bib file's entries, newest first."""
    return sorted(set(re.findall(r"year\s*=\s*\{(\d+)\}", bib.read_text())), reverse=True)


def stock_publications(src: Path, years: list[str]) -> None:
    """The stock peer's list: one filtered ``{bibliography}`` per year."""
    (src / "publications").mkdir()
    sections = [f'## {y}\n\n```{{bibliography}}\n:filter: year == "{y}"\n```\n' for y in years]
    (src / "publications" / "index.md").write_text(
        "# Publications\n\n" + "\n".join(sections), "utf-8"
    )
    (src / "index.md").write_text(
        "# Bench\n\n```{toctree}\nresearch/index\npublications/index\n```\n", "utf-8"
    )


def make_site(src: Path) -> None:
    """This repository's site as shipped."""
    src.mkdir(parents=True)
    for name in (
        "conf.py",
        "index.md",
        "refs.bib",
        "_ext",
        "data",
        "research",
        "publications",
    ):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, src / name)


def make_stock_site(src: Path) -> None:
    """A stock peer with the site's research pages and refs.bib."""
    src.mkdir(parents=True)
    (src / "conf.py").write_text(STOCK_CONF, "utf-8")
    shutil.copy(ROOT / "refs.bib", src / "refs.bib")
    shutil.copytree(ROOT / "research", src / "research")
    stock_publications(src, bib_years(src / "refs.bib"))


def timed_build(src: Path, out: Path, jobs: int = 1) -> tuple[float, int]:
    """Seconds and peak RSS (KB) of one sphinx-build."""
    cmd = [
        "/usr/bin/time",
        "-f",
        "%e %M",
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-b",
        "html",
        "-d",
        str(out / "doctrees"),
        str(src),
        str(out / "html"),
    ]
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{result.stderr[-2000:]}")
    seconds, rss = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(rss)


#: The page citing nothing and the citing page that the touch scenarios touch.
SYNTHETIC_PAGES = ("research/notes.md", "research/theory.md")
SITE_PAGES = ("research/index.md", "research/optimization.md")


def measure_once(
    src: Path, work: Path, r: int, runs: dict[str, list[float]], pages: tuple[str, str]
) -> None:
    """One run of every scenario on *src*, appended to *runs*."""
    out = work / f"out{r}"
    seconds, rss = timed_build(src, out)
    runs.setdefault("clean", []).append(seconds)
    runs.setdefault("peak MB", []).append(rss / 1024)
    runs.setdefault("no change", []).append(timed_build(src, out)[0])
    (src / pages[0]).touch()
    runs.setdefault("touch non-citing", []).append(timed_build(src, out)[0])
    (src / pages[1]).touch()
    runs.setdefault("touch citing", []).append(timed_build(src, out)[0])
    bib = src / "refs.bib"
    edited = re.sub(r"title(\s*)= \{", rf"title\1= {{Edited{r} ", bib.read_text(), count=1)
    bib.write_text(edited)
    runs.setdefault("edit one entry", []).append(timed_build(src, out)[0])
    runs.setdefault("-j 2 clean", []).append(timed_build(src, work / f"par{r}", jobs=2)[0])
    shutil.rmtree(out)
    shutil.rmtree(work / f"par{r}")


def measure(
    projects: dict[str, tuple[Path, Path]], repeat: int, pages: tuple[str, str]
) -> dict[str, dict[str, float]]:
    """Median seconds of each scenario, and peak memory (MB) of a clean build, per project.

    The projects take turns in each repeat, so a machine that slows down or
    speeds up during the run affects them alike.
    """
    runs: dict[str, dict[str, list[float]]] = {name: {} for name in projects}
    for r in range(repeat):
        for name, (src, work) in projects.items():
            measure_once(src, work, r, runs[name], pages)
    return {
        name: {scenario: statistics.median(values) for scenario, values in scenarios.items()}
        for name, scenarios in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[20, 200, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--site", action="store_true", help="compare the site as shipped first")
    args = parser.parse_args()
    print(f"{'N':>6} {'scenario':18} {'ours':>9} {'stock':>9} {'ratio':>7}")
    runs: list[tuple[str, Callable[[Path], None], Callable[[Path], None]]] = []
    if args.site:
        runs.append(("site", make_site, make_stock_site))
    for n in args.sizes:
        runs.append((str(n), partial(make_ours, n=n), partial(make_stock, n=n)))
    for label, make_ours_project, make_stock_project in runs:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            make_ours_project(work / "ours" / "src")
            make_stock_project(work / "stock" / "src")
            pages = SITE_PAGES if label == "site" else SYNTHETIC_PAGES
            projects = {name: (work / name / "src", work / name) for name in ("ours", "stock")}
            medians = measure(projects, args.repeat, pages)
            ours, stock = medians["ours"], medians["stock"]
        for name in ours:
            unit = "MB" if name == "peak MB" else "s"
            print(
                f"{label:>6} {name:18} {ours[name]:8.2f}{unit[0]} {stock[name]:8.2f}{unit[0]} "
                f"{ours[name] / stock[name]:6.2f}x",
                flush=True,
            )


if __name__ == "__main__":
    main()
