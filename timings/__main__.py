"""Command line: `python -m timings bench [ID ...]` and the measuring subprocess's entry point."""

from __future__ import annotations

import argparse
import importlib
import json
import sys


def _measure(target: str, out: str) -> None:
    # Standard library only on this path: it may run under another interpreter.
    from .measure import measure

    module_name, _, bench_id = target.partition(":")
    module = importlib.import_module(module_name)
    bench = next((b for b in getattr(module, "BENCHMARKS", ()) if b.id == bench_id), None)
    if bench is None:
        sys.exit(f"no benchmark {bench_id!r} in {module_name}")
    data = measure(bench, log=lambda line: print(line, file=sys.stderr, flush=True))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f)


def _bench(ids: list[str], cached: bool) -> None:
    import logging

    from . import interpreters, registry, render
    from .markers import result
    from .registry import TimingError
    from .store import result as stored

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    for bench_id in ids or sorted(registry.benchmarks()):
        try:  # TIMINGS_PYTHONS adds a column per interpreter
            pythons = interpreters.selected(registry.get(bench_id))
        except TimingError as e:  # no interpreter here can run it (discovery.NotMeasurable)
            print(f"{bench_id}: {e}", end="\n\n", flush=True)
            continue
        for python in pythons:
            stored(bench_id, fresh=not cached, python=python)
        print(render.terminal(result(bench_id)), end="\n\n", flush=True)


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
