"""The site's timing engine: measures benchmarks, caches results, renders tables and charts.

A marker on a page (`timings.markers`) names a table declared in `timings/benchmarks/<page>.py`;
`hooks/timings.py` expands the markers; `python -m timings bench` prints the same tables in a terminal.
In layers, each importing only the ones above it:

    spec, units, errors, digest        ground: standard library only (the measuring subprocess)
    measure, registry, __main__        the timed rounds, in a subprocess that finds its benchmark
    cache, runner, interpreters        a benchmark's measurement: cached, or measured now
    results                            `load(benchmark)` -> Result: medians, speedups, ...
    present/                           pure: a Result in, Markdown or SVG out
    markers                            a page's markers expanded (what hooks/timings.py calls)
"""

from .errors import TimingError
from .spec import Benchmark, Metric, Report, Variant

__all__ = ["Benchmark", "Metric", "Report", "TimingError", "Variant"]
