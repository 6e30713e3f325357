"""Is this a free-threaded build, and is the GIL on right now?

>>> status = gil_status()
>>> sorted(status)
['PYTHON_GIL', 'free_threaded_build', 'gil_enabled']
>>> status["gil_enabled"] or status["free_threaded_build"]  # only that build can be off
True
"""

from __future__ import annotations

import os
import platform
import sys
import sysconfig


def gil_status() -> dict[str, object]:
    # --8<-- [start:check]
    free_threaded_build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    # sys._is_gil_enabled() exists from Python 3.13; before, the GIL is always on
    is_gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)
    gil_enabled = is_gil_enabled()
    # --8<-- [end:check]
    return {
        "free_threaded_build": free_threaded_build,
        "gil_enabled": gil_enabled,
        "PYTHON_GIL": os.environ.get(
            "PYTHON_GIL"
        ),  # 0 or 1 overrides the build's default
    }


if __name__ == "__main__":
    status = gil_status()
    build = "free-threaded" if status["free_threaded_build"] else "default (with GIL)"
    state = "enabled" if status["gil_enabled"] else "disabled"
    print(f"Python {platform.python_version()}, {build} build: GIL {state}")
