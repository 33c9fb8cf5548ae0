"""The project's Python passes its linters, and the extension keeps its shape.

ruff (style, imports) and mypy (types); the extension's layers within their
budgets (core at most CORE_BUDGET lines, the speed layer at most 500, no module over
300), the core never importing the speed layer, and no private name of a
library, no garbage-collector or fork hook, no re-registration of another
package's plugins anywhere in it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT
from research_site.adapter import CHECKED_WITH

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


#: Lines of the core. Issue 21 (facts as data, one rule per fact, the adapter and the
#: outputs table) kept it at the 3,863 lines it had before; issue 22 (compressed
#: citations, a preview of every cited paper) brought it to 4,000, and issue 23 (entries
#: at a glance, long author lists, attachments of every kind, the Atom feed) to 4,300.
#: Growth past this is a decision, made here.
CORE_BUDGET = 4_300


def test_layers_keep_their_budgets() -> None:
    modules = list(PACKAGE.rglob("*.py"))
    speed = [m for m in modules if "speed" in m.relative_to(PACKAGE).parts]
    core = [m for m in modules if m not in speed]
    assert sum(map(lines, core)) <= CORE_BUDGET
    assert sum(map(lines, speed)) <= 500
    assert [m.name for m in modules if lines(m) > 300] == []
    layers = {m.relative_to(PACKAGE).parts[0] for m in modules if m.parent != PACKAGE}
    assert layers == {"bib", "styles", "listings", "pages", "latex", "checks", "speed"}


SPEED = "research_site.speed"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """``research_site.bib.dates`` for ``_ext/research_site/bib/dates.py``."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def speed_imports(source: str, name: str, is_package: bool = False) -> list[str]:
    """The imports of the speed layer in the module *name* (its *source*), in any form:
    absolute, relative, ``from package import speed``, nested in a function or a try, or
    named to ``importlib``."""
    here = name.split(".") if is_package else name.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            targets = [node.value]
        if any(t == SPEED or t.startswith(f"{SPEED}.") for t in targets):
            found.append(ast.unparse(node))
    return found


def test_the_core_never_imports_the_speed_layer() -> None:
    core = [m for m in PACKAGE.rglob("*.py") if "speed" not in m.relative_to(PACKAGE).parts]
    assert len(core) > 20
    for path in core:
        name, is_package = module_name(path), path.name == "__init__.py"
        assert speed_imports(path.read_text(encoding="utf-8"), name, is_package) == [], path


#: Each way a core module could import the speed layer (research_site/bib/dates.py's view).
PLANTED = [
    "import research_site.speed",
    "import research_site.speed.formatcache as cache",
    "from research_site.speed import formatcache",
    "from research_site import speed",
    "from .. import speed",
    "from ..speed import formatcache",
    "from ..speed.pagerecord import PaperPageRecord",
    "def later():\n    from ..speed import sharedcontext",
    "try:\n    import research_site.speed\nexcept ImportError:\n    pass",
    "importlib.import_module('research_site.speed')",
]


@pytest.mark.parametrize("planted", PLANTED)
def test_the_speed_layer_guard_catches_a_planted_import(tmp_path: Path, planted: str) -> None:
    """A copy of a core module with one forbidden import added: the guard finds it."""
    original = PACKAGE / "bib" / "dates.py"
    copy = tmp_path / "research_site" / "bib" / "dates.py"
    copy.parent.mkdir(parents=True)
    copy.write_text(original.read_text(encoding="utf-8") + "\n" + planted + "\n")
    name = module_name(copy, tmp_path / "research_site")
    assert name == "research_site.bib.dates"
    assert speed_imports(original.read_text(encoding="utf-8"), name) == []
    assert len(speed_imports(copy.read_text(encoding="utf-8"), name)) == 1


def test_the_adapter_names_the_versions_it_was_checked_against() -> None:
    """Upgrading a package whose internals the adapter touches means reading it again."""
    pinned = dict(
        line.split("==")
        for line in (PROJECT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert CHECKED_WITH == {name: pinned[name] for name in CHECKED_WITH}
    touching = [
        str(m.relative_to(PACKAGE))
        for m in PACKAGE.rglob("*.py")
        if re.search(
            r"BibliographyValue\(|data\[\"bibdata\"\]|sitemap_links|secnumbers", m.read_text()
        )
    ]
    assert touching == ["adapter.py"]


@pytest.mark.parametrize("pattern", FORBIDDEN, ids=FORBIDDEN.values())
def test_no_private_names_or_process_wide_tricks(pattern: str) -> None:
    found = [
        f"{module.relative_to(PROJECT)}:{n}: {line.strip()}"
        for module in PACKAGE.rglob("*.py")
        for n, line in enumerate(module.read_text().splitlines(), start=1)
        if re.search(pattern, line.split("#")[0]) and not re.search(r"\bself\._|\bcls\._", line)
    ]
    assert found == []
