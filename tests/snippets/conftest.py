"""Fixtures shared by the snippet tests."""

from __future__ import annotations

import pytest

from tests.snippets.test_snippets_as_scripts import Run, run_two_at_a_time


@pytest.fixture(scope="session")
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The selected snippets run two at a time (the machine has two cores), each alone in a folder."""
    selected = {item.callspec.params["path"] for item in request.session.items if "runs" in item.fixturenames}
    jobs = {path.name: (path, tmp_path_factory.mktemp(path.stem)) for path in sorted(selected)}
    return run_two_at_a_time(jobs)
