"""The project's Python passes its linters, and the extension keeps its shape.

ruff (style, imports) and mypy (types); the extension's layers within their
budgets (core at most CORE_BUDGET lines, the speed layer at most 500, no module over
300), the core never importing the speed layer, and no private name of a
library, no garbage-collector or fork hook, no re-registration of another
package's plugins anywhere in it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

PYTHON_SOURCES = ["_ext", "tests", "tools/sitebrowser.py", "bench", "conf.py"]
PACKAGE = PROJECT / "_ext" / "research_site"

#: What the extension must not contain, and why.
FORBIDDEN = {
    r"\bgc\.": "no garbage-collector tricks",
    r"register_at_fork": "no fork hooks",
    r"import _|from \S+ import _|\._(?!_|replace\b)[a-z]\w*": "no private names of libraries",
    r"register_plugin\(\s*\"pybtex\.(backends|style\.names|style\.sorting)": (
        "no re-registration of pybtex's own plugins"
    ),
}


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *PYTHON_SOURCES],
        ["ruff", "format", "--check", *PYTHON_SOURCES],
        ["mypy", "_ext/research_site"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_linter_passes(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=PROJECT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


#: Lines of the core. Issue 15 set 2,500 for the features the site had then (the core it
#: left measured 2,704, over that target); issue 16 (works by others, entries as eleven
#: export tools write them, math in titles, duplicate and clash checks) and issue 17 (the
#: PDF as a research document, the paper pages' Cite section with .bib and .ris, the
#: contact line) brought it to about 3,800. Growth past this is a decision, made here.
CORE_BUDGET = 4_000


def test_layers_keep_their_budgets() -> None:
    modules = list(PACKAGE.rglob("*.py"))
    speed = [m for m in modules if "speed" in m.relative_to(PACKAGE).parts]
    core = [m for m in modules if m not in speed]
    assert sum(map(lines, core)) <= CORE_BUDGET
    assert sum(map(lines, speed)) <= 500
    assert [m.name for m in modules if lines(m) > 300] == []
    layers = {m.relative_to(PACKAGE).parts[0] for m in modules if m.parent != PACKAGE}
    assert layers == {"bib", "styles", "listings", "pages", "latex", "checks", "speed"}


def test_the_core_never_imports_the_speed_layer() -> None:
    for module in PACKAGE.rglob("*.py"):
        if "speed" not in module.relative_to(PACKAGE).parts:
            assert "speed" not in re.findall(r"^(?:from|import) \S*", module.read_text(), re.M)
            assert not re.search(r"^from \.+speed|^import .*speed", module.read_text(), re.M)


@pytest.mark.parametrize("pattern", FORBIDDEN, ids=FORBIDDEN.values())
def test_no_private_names_or_process_wide_tricks(pattern: str) -> None:
    found = [
        f"{module.relative_to(PROJECT)}:{n}: {line.strip()}"
        for module in PACKAGE.rglob("*.py")
        for n, line in enumerate(module.read_text().splitlines(), start=1)
        if re.search(pattern, line.split("#")[0]) and not re.search(r"\bself\._|\bcls\._", line)
    ]
    assert found == []
