"""Test set-up for the whole repository.

- The multiprocessing start method comes from PARALLEL_START_METHOD (fork, spawn or forkserver), so
  `make test` runs the same suite once per method without touching the snippets.
- Sybil runs the doctests in `snippets/*.py` and the Python code blocks of the pages in `docs/`.
- Every test fails if it leaves a child process behind; the whole run fails if it leaves a process, a
  temporary file, a shared-memory segment or a listening socket behind (tests/support/leftovers.py).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

from tests.support import site_build as site
from tests.support import sybil_report
from tests.support.processes import no_leftover_processes

pytest_plugins = ["pytester", "tests.support.leftovers"]  # leftovers: what the whole run leaves behind

START_METHOD = os.environ.get("PARALLEL_START_METHOD")


class PageCodeParser(PythonCodeBlockParser):
    """Python blocks of a page, minus `--8<--` includes: included snippets are tested on their own."""

    def __call__(self, document):
        for region in super().__call__(document):
            if "--8<--" not in str(region.parsed):
                yield region


def pytest_configure(config: pytest.Config) -> None:
    if START_METHOD:
        multiprocessing.set_start_method(START_METHOD, force=True)
    # `make test` starts its per-start-method runs in the background, and a shell starts background
    # jobs with Ctrl-C ignored, which every child would inherit: Ctrl-C would not stop the run, and
    # snippets would not see Ctrl-C as a reader's terminal delivers it. Take it back.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


# Snippets whose processes do not follow the suite's start method: Dask spawns its workers whatever
# multiprocessing's start method is (tests/snippets/test_dask_cluster.py shows it). Their doctests,
# their runs as scripts and the first blocks that are them run once, not once per start method.
START_METHOD_FREE = {"dask_cluster.py", "dask_quickstart.py"}


def _start_method_free(item: pytest.Item) -> bool:
    if item.path.parent.name == "snippets" and item.path.name in START_METHOD_FREE:
        return True  # a doctest
    params = getattr(getattr(item, "callspec", None), "params", {})
    path, page = params.get("path"), params.get("page")
    if getattr(path, "name", None) in START_METHOD_FREE:
        return True  # run as a script
    first_block = item.path.name == "test_first_blocks.py" and isinstance(page, str)
    return first_block and _first_block_snippet(page) in START_METHOD_FREE


@functools.cache
def _first_block_snippet(page: str) -> str | None:
    """The snippet file that `page`'s first code block is, if it is one (test_first_blocks.py)."""
    from tests.snippets.test_first_blocks import DOCS, first_block, resolve, whole_snippet

    found = first_block(DOCS / page)
    return whole_snippet(resolve(found[1], page)) if found else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _start_method_free(item):
            item.add_marker(pytest.mark.once)


def pytest_report_header() -> str:
    return f"multiprocessing start method: {multiprocessing.get_start_method()}"


__all__ = ["no_leftover_processes"]  # autouse: every test, doctest and page example


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> site.Site:
    """One strict build of the whole site per run, into a temporary folder (tests/support/site_build.py)."""
    return site.build(tmp_path_factory.mktemp("built") / "site")


sybil_report.install()  # a failure whose traceback sybil cannot cut is reported, not an INTERNALERROR
pytest_collect_file = (
    Sybil(parsers=[DocTestParser()], patterns=["snippets/*.py"], fixtures=["no_leftover_processes"])
    + Sybil(parsers=[PageCodeParser()], patterns=["docs/**/*.md"], fixtures=["no_leftover_processes"])
).pytest()
