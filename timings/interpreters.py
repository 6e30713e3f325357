"""Which interpreters measure the tables: the one running the build, plus the ones a setting lists.

The setting is the environment variable TIMINGS_PYTHONS (names or paths separated by spaces, e.g.
`TIMINGS_PYTHONS="python3.13 /opt/python3.14t/bin/python3.14t"`) or, when that variable is not set,
the list `extra: timings_pythons:` in mkdocs.yml (passed in by the hook). A listed interpreter that is
not on this machine is reported in the log and left out; it never fails the build.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable

from .errors import TimingError

ENV = "TIMINGS_PYTHONS"
OPTION = "timings_pythons"  # under `extra:` in mkdocs.yml
log = logging.getLogger("mkdocs.plugins.timings")

_configured: tuple[str, ...] = ()
_reported: set[str] = set()


def configure(listed: Iterable[str] | None) -> None:
    """The list from mkdocs.yml; TIMINGS_PYTHONS, when set, takes precedence over it."""
    global _configured
    _configured = tuple(listed or ())


def listed() -> tuple[str, ...]:
    """The interpreters the setting names, as written."""
    if ENV in os.environ:
        return tuple(os.environ[ENV].split())
    return _configured


def selected(bench: object = None) -> tuple[str, ...]:
    """The build's interpreter first, then every listed one found here, each interpreter once; with
    `auto` and a benchmark, those that can run it (timings/discovery.py)."""
    from . import discovery

    chosen = {os.path.realpath(sys.executable): sys.executable}
    for name in listed():
        if name == discovery.AUTO:
            continue
        path = shutil.which(name)
        if path is None:
            if name not in _reported:
                _reported.add(name)
                source = ENV if ENV in os.environ else f"extra.{OPTION} in mkdocs.yml"
                log.info("timings: NOT MEASURED with %r (listed in %s): not on this machine", name, source)
            continue
        chosen.setdefault(os.path.realpath(path), path)
    return discovery.select(bench, tuple(chosen.values()), discovery.AUTO in listed())


@functools.cache
def identity(python: str) -> str:
    """Identifies an interpreter: the binary, its environment and its exact version and build."""
    probe = (
        "import sys, sysconfig; print(sys.version_info >= (3, 11), sys.prefix, sys.version,"
        " sysconfig.get_config_var('Py_GIL_DISABLED'))"
    )
    try:
        out = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise TimingError(f"interpreter {python!r} cannot run: {e}") from None
    recent, _, found = out.strip().partition(" ")
    if recent != "True":
        raise TimingError(f"interpreter {python!r} is too old for the timing engine (3.11+): {found}")
    return f"{os.path.realpath(python)} {found}"
