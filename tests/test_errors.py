"""Bad input gets one clear error naming the file and line (or key) and the fix.

Each case is a small site with one mistake (tests/roots/test-error-*), built by
``sphinx-build -n -W --keep-going`` as a user runs it: the build must fail, say
where and what to do, show no Python traceback, and leave the sources as they were.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT

ROOTS = Path(__file__).parent / "roots"


def line_of(root: str, file: str, needle: str) -> int:
    """The line (1-based) of *needle* in a test site's file."""
    text = (ROOTS / f"test-{root}" / file).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


@dataclass
class Case:
    root: str
    expected: list[str]  # regular expressions the output must match


CASES = [
    Case(
        "error-unknown-key",
        [
            rf"index\.md:{line_of('error-unknown-key', 'index.md', 'The engine')}: WARNING: "
            r"unknown citation key 'lovelace2023engien' \(did you mean 'lovelace2023engine'",
            "add an entry with this key to refs.bib",
        ],
    ),
    Case(
        "error-duplicate-key",
        [
            rf"refs\.bib:{line_of('error-duplicate-key', 'refs.bib', '@misc')}: ERROR: "
            r"duplicate key 'Lovelace2023Engine' \(first used at line 1; keys ignore case\)",
            "keep one entry per paper",
        ],
    ),
    Case(
        "error-unbalanced-brace",
        [r"refs\.bib:\d+: ERROR: syntax error", "unbalanced brace or a missing comma"],
    ),
    Case(
        "error-missing-comma",
        [r"refs\.bib:\d+: ERROR: syntax error in entry 'lovelace2023engine'", "missing comma"],
    ),
    Case(
        "error-duplicate-field",
        [
            r"refs\.bib:1: ERROR: entry with key lovelace2023engine has a duplicate year field: "
            "keep one of the two"
        ],
    ),
    Case(
        "error-missing-fields",
        [
            rf"refs\.bib:{line_of('error-missing-fields', 'refs.bib', '@misc{notitle')}: ERROR: "
            r"entry 'notitle': no title: add title = \{\.\.\.\}",
            rf"refs\.bib:{line_of('error-missing-fields', 'refs.bib', '@misc{noauthor')}: ERROR: "
            "entry 'noauthor': no author",
            rf"refs\.bib:{line_of('error-missing-fields', 'refs.bib', '@misc{noyear')}: ERROR: "
            "entry 'noyear': no year",
            "build stopped: 3 problems in the bibliography",
        ],
    ),
    Case(
        "error-annotation",
        [
            r"refs\.bib:1: ERROR: entry 'lovelace2023engine': author\+an: '9=equal' points at "
            "author 9, but the entry has 2 author"
        ],
    ),
    Case(
        "error-unknown-annotation",
        [
            r"refs\.bib:1: ERROR: entry 'lovelace2023engine': author\+an: unknown annotation "
            "'corresponding': use equal, lead, or remove it"
        ],
    ),
    Case(
        "error-key-clash",
        [
            rf"refs\.bib:{line_of('error-key-clash', 'refs.bib', '@misc{wang-2026')}: ERROR: "
            r"entry 'wang-2026' and entry 'Wang_2026' \(line 1\) would share the page name "
            "'wang-2026': change one of the keys"
        ],
    ),
    Case(
        "error-duplicate-paper",
        [
            rf"refs\.bib:{line_of('error-duplicate-paper', 'refs.bib', '@inproceedings')}: ERROR: "
            r"entry 'DBLP:conf/engines/LovelaceB23' is the same paper as entry "
            r"'lovelace2023notes' \(line 1; same title\): keep one entry per paper: move this "
            r"entry's venue fields \(booktitle or journal, year, url, doi\) into the other"
        ],
    ),
    Case(
        "error-owner",
        [
            rf"refs\.bib:{line_of('error-owner', 'refs.bib', '@article{byron')}: ERROR: entry "
            r"'byron2024poems': ownpaper = \{yes\} but no author is written as the owner "
            r"\(Ada Lovelace\): add the form used here to research_site_owner_aliases",
            rf"refs\.bib:{line_of('error-owner', 'refs.bib', '@article{somerville')}: ERROR: "
            r"entry 'somerville2024connexion': has selected, which only the owner's papers use",
        ],
    ),
    Case(
        "error-month",
        [r"refs\.bib:1: ERROR: entry 'lovelace2023engine': month 'Mai' is not a month"],
    ),
    Case(
        "error-missing-file",
        [
            r"refs\.bib:1: ERROR: entry 'lovelace2023engine': slides = "
            r"\{talks/engine-slides\.pdf\}: no such file",
            "put it in the repository",
        ],
    ),
    Case(
        "error-fence",
        [
            r"index\.md:3: WARNING: a directive is printed as text \(':::\{publication-list\}'\)",
            "enable MyST's colon_fence",
        ],
    ),
    Case("error-directive-typo", [r"index\.md:\d+: (ERROR|WARNING): Unknown directive type"]),
    Case(
        "error-filter",
        [
            r"index\.md:\d+: WARNING: invalid :filter: \(year >= 2023\)",
            'compare with a quoted value, e.g. year >= "2023"',
        ],
    ),
    Case(
        "error-coauthors-row",
        [r"coauthors\.tsv:3: WARNING: expected 3 tab-separated columns"],
    ),
    Case(
        "error-toctree",
        [r"index\.md:\d+: WARNING: toctree contains reference to nonexisting document 'notes'"],
    ),
]


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def sphinx_build(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -n -W --keep-going -b html``, as a user runs it."""
    command = ["-n", "-W", "--keep-going", "-b", "html", "-d", str(out / "doctrees")]
    paths = os.pathsep.join(str(p) for p in (PROJECT / "tests", PROJECT / "_ext"))
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *command, str(src), str(out / "html")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": paths},
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.root)
def test_bad_input_fails_with_a_clear_message(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{case.root}", src)
    before = tree_digest(src)
    result = sphinx_build(src, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for pattern in case.expected:
        assert re.search(pattern, output), f"{pattern!r} not in:\n{output[-3000:]}"
    assert tree_digest(src) == before, "the build changed the sources"


def test_a_problem_added_after_a_good_build_stops_every_build_until_fixed(
    tmp_path: Path,
) -> None:
    """Checked data is kept between builds, so a problem must never slip into it."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-publication-list", src)
    assert sphinx_build(src, tmp_path / "out").returncode == 0
    bib = src / "refs.bib"
    good = bib.read_text(encoding="utf-8")
    bib.write_text(good + "\n@misc{notitle2025, author = {A B}, year = {2025}}\n", "utf-8")
    for _ in range(2):  # the failed build kept nothing: the next one finds the problem again
        failed = sphinx_build(src, tmp_path / "out")
        assert failed.returncode != 0
        assert "entry 'notitle2025': no title" in failed.stdout + failed.stderr
    bib.write_text(good, encoding="utf-8")
    assert sphinx_build(src, tmp_path / "out").returncode == 0
