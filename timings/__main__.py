"""Command line: `python -m timings bench [ID ...]` and the measuring subprocess's entry point."""

from __future__ import annotations

import argparse
import json
import sys


def _measure(target: str, out: str) -> None:
    # The ground layer, the measuring code and the benchmark's own module only (a test checks it):
    # this may run under another interpreter.
    from .errors import TimingError
    from .measure import adopt_orphans, measure
    from .registry import find

    adopt_orphans()  # this process exits when the measurement ends, and init reaps what it adopted

    module, _, bench_id = target.partition(":")
    try:
        bench = find(module, bench_id)
    except TimingError as e:
        sys.exit(str(e))
    data = measure(bench, log=lambda line: print(line, file=sys.stderr, flush=True))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f)


def _bench(ids: list[str], cached: bool) -> None:
    import logging

    from . import cache, interpreters, registry, results
    from .errors import TimingError
    from .present import render

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    for bench_id in ids or sorted(registry.benchmarks()):
        bench = registry.get(bench_id)
        try:  # TIMINGS_PYTHONS adds a column per interpreter
            pythons = interpreters.selected(bench)
        except TimingError as e:  # no interpreter here can run it (discovery.NotMeasurable)
            print(f"{bench_id}: {e}", end="\n\n", flush=True)
            continue
        for python in pythons:
            cache.get(bench, python, fresh=not cached)
        print(render.terminal(results.load(bench)), end="\n\n", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m timings")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure", help="measure one benchmark (used by the engine)")
    m.add_argument("target", help="module:id")
    m.add_argument("--out", required=True)
    b = sub.add_parser("bench", help="measure and print timing tables")
    b.add_argument("ids", nargs="*", help="benchmark ids (default: all)")
    b.add_argument("--cached", action="store_true", help="reuse cached results when still valid")
    args = parser.parse_args()
    if args.command == "measure":
        _measure(args.target, args.out)
    else:
        _bench(args.ids, args.cached)


if __name__ == "__main__":
    main()
