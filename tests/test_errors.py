"""Bad input gets one clear error naming the file and line (or key) and the fix.

Each case edits a temporary copy of the project and runs sphinx-build as a
user would (``-n -W --keep-going``): the build must fail, say where and what to
do, show no Python traceback, and leave the sources as they were.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT

Edit = Callable[[Path], None]


def replace(relpath: str, old: str, new: str, count: int = 1) -> Edit:
    def edit(root: Path) -> None:
        path = root / relpath
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relpath}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return edit


def append(relpath: str, extra: str) -> Edit:
    def edit(root: Path) -> None:
        with (root / relpath).open("a", encoding="utf-8") as handle:
            handle.write(extra)

    return edit


def line_of(relpath: str, needle: str) -> int:
    """Line (1-based) of *needle* in the project's own file."""
    text = (PROJECT / relpath).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


@dataclass
class Case:
    name: str
    edit: Edit
    expected: list[str]  # regexes the output must match


GRADPOWER = line_of("refs.bib", "@unpublished{wang2025gradpower")
# the paragraph under "## Optimization" (after its blank line) holds the citation
OPT_DLT = line_of("research/deep-learning-theory.md", "## Optimization") + 2

CASES = [
    Case(
        "unknown citation key",
        replace(
            "research/deep-learning-theory.md",
            "wang2022early,wang2023multiphase,wang2025rich",
            "wang2022early,wang2023multiphase,wang2025rihc",
        ),
        [
            rf"deep-learning-theory\.md:{OPT_DLT}: WARNING: unknown citation key 'wang2025rihc' "
            r"\(did you mean 'wang2025rich'",
            "add an entry with this key to refs.bib",
        ],
    ),
    Case(
        "duplicate key",
        append(
            "refs.bib", "\n@misc{wang2025GradPower, author = {A B}, title = {T}, year = {2025}}\n"
        ),
        [
            r"refs\.bib:\d+: ERROR: duplicate key 'wang2025GradPower' "
            rf"\(first used at line {GRADPOWER}\)",
            "give one of the two entries another key",
        ],
    ),
    Case(
        "unbalanced brace",
        replace(
            "refs.bib",
            "title         = {{GradPower}: Powering",
            "title         = {{{GradPower}: Powering",
        ),
        [r"refs\.bib:\d+: ERROR: syntax error", "unbalanced brace or a missing comma"],
    ),
    Case(
        "missing comma",
        replace(
            "refs.bib",
            "year          = {2025},\n  month         = may,\n  pagetotal     = {22},",
            "year          = {2025}\n  month         = may,\n  pagetotal     = {22},",
        ),
        [r"refs\.bib:\d+: ERROR: syntax error in entry 'wang2025gradpower'", "missing comma"],
    ),
    Case(
        "field given twice",
        replace(
            "refs.bib",
            "month         = may,\n  pagetotal     = {22},",
            "month         = may,\n  pagetotal     = {22},\n  year = {2024},",
        ),
        [
            rf"refs\.bib:{GRADPOWER}: ERROR: entry with key wang2025gradpower has a duplicate "
            "year field: keep one of the two"
        ],
    ),
    Case(
        "entry without title",
        append("refs.bib", "\n@misc{notitle2025, author = {A B}, year = {2025}}\n"),
        [r"refs\.bib:\d+: ERROR: entry 'notitle2025' has no title: add title = \{\.\.\.\}"],
    ),
    Case(
        "entry without author",
        append("refs.bib", "\n@misc{noauthor2025, title = {T}, year = {2025}}\n"),
        [r"refs\.bib:\d+: ERROR: entry 'noauthor2025' has no author"],
    ),
    Case(
        "entry without year",
        append("refs.bib", "\n@misc{noyear, author = {A B}, title = {T}}\n"),
        [r"refs\.bib:\d+: ERROR: entry 'noyear' has no year"],
    ),
    Case(
        "marker on a missing author",
        replace(
            "refs.bib",
            "author+an     = {1=equal,lead; 2=equal}",
            "author+an     = {1=equal,lead; 9=equal}",
        ),
        [
            rf"refs\.bib:{GRADPOWER}: ERROR: entry 'wang2025gradpower': author\+an: "
            "'9=equal' points at author 9, but the entry has 8 author"
        ],
    ),
    Case(
        "month that is not a month",
        replace(
            "refs.bib",
            "month         = may,\n  pagetotal     = {22},",
            "month         = {Mai},\n  pagetotal     = {22},",
        ),
        [rf"refs\.bib:{GRADPOWER}: ERROR: entry 'wang2025gradpower': month 'Mai' is not a month"],
    ),
    Case(
        "colon fence printed as text",
        replace("conf.py", '["colon_fence", "substitution"]', '["substitution"]'),
        [
            r"index\.md:\d+: WARNING: a directive is printed as text \(':::::\{only\}'\)",
            "enable MyST's colon_fence",
        ],
    ),
    Case(
        "directive name typo",
        append("research/optimization.md", "\n```{bibliograpy}\n```\n"),
        [r"optimization\.md:\d+: (ERROR|WARNING): Unknown directive type"],
    ),
    Case(
        "invalid filter",
        append("research/optimization.md", "\n```{bibliography}\n:filter: year >= 2023\n```\n"),
        [
            r"optimization\.md:\d+: WARNING: invalid :filter: \(year >= 2023\)",
            'compare with a quoted value, e.g. year >= "2023"',
        ],
    ),
    Case(
        "malformed co-authors row",
        append("data/coauthors.tsv", "Ada Lovelace\thttps://example.org\n"),
        [r"coauthors\.tsv:7: WARNING: expected 3 tab-separated columns"],
    ),
    Case(
        "unknown page in a toctree",
        replace("research/index.md", "optimization\n```", "optimisation\n```"),
        [
            r"research/index\.md:\d+: WARNING: toctree contains reference to nonexisting document "
            "'research/optimisation'"
        ],
    ),
]


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def project_copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(
        PROJECT,
        src,
        ignore=shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", "tests", "bench"),
    )
    return src


def sphinx_build(src: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -n -W --keep-going -b html`` into *tmp_path*, as a user runs it."""
    command = ["-n", "-W", "--keep-going", "-b", "html", "-d", str(tmp_path / "doctrees")]
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *command, str(src), str(tmp_path / "html")],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_fails_with_a_clear_message(case: Case, tmp_path: Path) -> None:
    src = project_copy(tmp_path)
    case.edit(src)
    before = tree_digest(src)
    result = sphinx_build(src, tmp_path)
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
    src = project_copy(tmp_path)
    assert sphinx_build(src, tmp_path).returncode == 0
    bib = src / "refs.bib"
    good = bib.read_text(encoding="utf-8")
    bib.write_text(good + "\n@misc{notitle2025, author = {A B}, year = {2025}}\n", "utf-8")
    for _ in range(2):  # the failed build kept nothing: the next one finds the problem again
        failed = sphinx_build(src, tmp_path)
        assert failed.returncode != 0
        assert "entry 'notitle2025' has no title" in failed.stdout + failed.stderr
    bib.write_text(good, encoding="utf-8")
    assert sphinx_build(src, tmp_path).returncode == 0
