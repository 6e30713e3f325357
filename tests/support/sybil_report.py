"""A failing example is reported, whatever the shape of its exception's traceback.

sybil 10.1.0 (the newest release) hides its own frames by cutting each failure's traceback at
`sybil/example.py` and keeping it from the second entry on (`SybilItem._traceback_filter`). pytest
applies that filter to every exception in a chain or group too. A traceback with one entry, such as
those of pytest's unraisable-exception warnings when two of them arrive in one test (pytest raises
them as an ExceptionGroup), made the filter raise IndexError inside pytest's reporting: an
INTERNALERROR that stopped the whole run and hid the failure (simplistix/sybil#118). Such tracebacks
are now kept whole; every other one is cut as sybil cuts it.
"""

from __future__ import annotations

from sybil.integration.pytest import SybilItem, example_module_path

_sybil_filter = SybilItem._traceback_filter


def _traceback_filter(self: SybilItem, excinfo):
    if len(excinfo.traceback.cut(path=example_module_path)) < 2:
        return excinfo.traceback
    return _sybil_filter(self, excinfo)


def install() -> None:
    SybilItem._traceback_filter = _traceback_filter
