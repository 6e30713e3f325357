"""Fixtures shared by the snippet tests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.snippets.test_snippets_as_scripts import Run, run_alone


@pytest.fixture(scope="session")
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The selected snippets run two at a time (the machine has two cores), each alone in a folder."""
    selected = {item.callspec.params["path"] for item in request.session.items if "runs" in item.fixturenames}

    # The folders are made here, not in the threads: pytest creates its base temporary folder on first
    # use without a lock, and two threads doing that at once each made one (a ValueError, seen in a 3.13 run).
    folders = {path: tmp_path_factory.mktemp(path.stem) for path in sorted(selected)}

    def one(path: Path) -> tuple[str, Run]:
        return path.name, run_alone(path, folders[path])

    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(one, folders))
