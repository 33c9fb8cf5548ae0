"""Two sites built in one Python process: each formats its own papers.

The style is registered once per process; each build's entries find their own library,
so applications made one after the other, and built in any order, do not share papers.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

#: Each test site, the page of its publication list, and its owner's family name.
SITES = {"publication-list": ("list.html", "Lovelace"), "second-site": ("publications.html", "Lef")}


def owners_and_entries(app: Any, page: str) -> tuple[set[str], list[str]]:
    soup = BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")
    owners = {node.get_text() for node in soup.select("li.pub-entry .pub-owner")}
    return owners, [item["id"] for item in soup.select("li.pub-entry")]


def test_two_sites_in_one_process_each_get_their_own_papers(
    make_app: Callable[..., Any], rootdir: Path, tmp_path: Path
) -> None:
    apps = {}
    for name in SITES:  # both made (builder-inited) before either builds
        shutil.copytree(rootdir / f"test-{name}", tmp_path / name)
        apps[name] = make_app("html", srcdir=tmp_path / name, freshenv=True)
        # Sphinx warns that the second app's nodes are registered already (docutils'
        # registry is process-wide); the builds below must not warn at all
        apps[name].warning.seek(0)
        apps[name].warning.truncate()
    results = {}
    for name in [*SITES, "publication-list"]:  # the first site again, after the second
        apps[name].build(force_all=True)
        assert apps[name].warning.getvalue() == "", name
        results.setdefault(name, []).append(owners_and_entries(apps[name], SITES[name][0]))
    for name, (_, family) in SITES.items():
        owners, entries = results[name][0]
        assert owners and all(family in owner for owner in owners), (name, owners)
        assert entries and results[name][-1] == (owners, entries)
    first, second = (set(results[name][0][1]) for name in SITES)
    assert not first & second  # no paper of one site in the other's list
