"""The project's Python passes its linters: ruff (style, imports) and mypy (types)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PROJECT

PYTHON_SOURCES = ["_ext", "tests", "tools/sitebrowser.py", "bench", "conf.py"]


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
