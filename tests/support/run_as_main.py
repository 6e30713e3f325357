"""Run a snippet file as `python FILE` would, under the start method named by PARALLEL_START_METHOD.

Usage: python -I tests/support/run_as_main.py FILE [ARGS...]
"""

import multiprocessing
import os
import runpy
import sys
import threading
import warnings

# Under -X dev the fork-with-threads DeprecationWarning (3.12+) is shown. Python counts the threads
# the kernel lists, and a thread that join() has just returned for may not have finished exiting: say
# how many Python threads were really alive at that fork, so the test can tell the hazard from the lag.
_show = warnings.showwarning


def _show_with_threads(message, category, filename, lineno, file=None, line=None):
    _show(message, category, filename, lineno, file, line)
    if "use of fork()" in str(message):
        alive = [t.name for t in threading.enumerate()]
        print(f"[run_as_main] Python threads alive at that fork: {alive}", file=sys.stderr)


warnings.showwarning = _show_with_threads

method = os.environ.get("PARALLEL_START_METHOD")
if method:
    multiprocessing.set_start_method(method)
path = sys.argv[1]
sys.argv = sys.argv[1:]
# As for `python FILE`: the file's folder first on sys.path, not tests/ (absent already under -I).
here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [os.path.dirname(os.path.abspath(path))] + [p for p in sys.path if p != here]
runpy.run_path(path, run_name="__main__")
