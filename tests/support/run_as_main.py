"""Run a snippet file as `python FILE` would, under the start method named by PARALLEL_START_METHOD.

Usage: python -I tests/support/run_as_main.py FILE [ARGS...]
"""

import multiprocessing
import os
import runpy
import sys

method = os.environ.get("PARALLEL_START_METHOD")
if method:
    multiprocessing.set_start_method(method)
path = sys.argv[1]
sys.argv = sys.argv[1:]
# As for `python FILE`: the file's folder first on sys.path, not tests/ (absent already under -I).
here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [os.path.dirname(os.path.abspath(path))] + [p for p in sys.path if p != here]
runpy.run_path(path, run_name="__main__")
