"""The site's timing engine: measures benchmarks, caches results, renders tables and charts.

Pages name a table with a marker (see `timings.markers`); `hooks/timings.py` expands the markers;
`python -m timings bench` prints the same tables in a terminal.
"""

from .errors import TimingError
from .spec import Benchmark, Metric, Report, Variant

__all__ = ["Benchmark", "Metric", "Report", "TimingError", "Variant"]
