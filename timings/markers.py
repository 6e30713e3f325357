"""Replace the timing markers in a page's Markdown.

    <!-- timing: ID -->                   the table, chart, caption and reading of benchmark ID,
                                          or the Markdown of report ID (see `spec.Report`)
    <!-- timing: ID VARIANT COLUMN -->    one formatted number, e.g. `hash_files_cpu processes speedup`

Any other `<!-- timing: ... -->` comment, an unknown id, variant or column, or a failed measurement
raises TimingError naming the page and the marker: the build fails instead of showing stale numbers.
"""

from __future__ import annotations

import re

from . import cache, discovery, registry, results
from .errors import TimingError
from .present import render
from .results import Result
from .spec import Lang, Report

MARKER = re.compile(r"<!--\s*timing:\s*(?P<args>.*?)\s*-->")


def report(report: Report, lang: Lang) -> str:
    def needed(bench_id: str) -> Result:
        if bench_id not in report.needs:
            raise TimingError(f"report {report.id!r} asked for {bench_id!r}, which is not in its `needs`")
        return results.load(registry.get(bench_id))

    out = report.render(needed, lang)
    if report.caption is not None:  # a row per interpreter: the caption names them all
        try:
            measured = needed(report.needs[0])
        except discovery.NotMeasurable:  # no interpreter here could: the report's rows say why
            return out
        out += "\n\n" + render.runs_caption(measured, report.caption, lang)
    return out


def expand(markdown: str, lang: Lang, page: str = "<page>") -> str:
    def replace(match: re.Match[str]) -> str:
        args = match.group("args").split()
        try:
            if len(args) == 1:
                found = registry.get_report(args[0])
                return (
                    report(found, lang)
                    if found
                    else render.block(results.load(registry.get(args[0])), lang, cache.chart)
                )
            if len(args) == 3:
                bench_id, variant, column = args
                return render.formatted(results.load(registry.get(bench_id)), variant, column, lang)
            raise TimingError("expected `timing: ID` or `timing: ID VARIANT COLUMN`")
        except (TimingError, KeyError) as e:
            raise TimingError(f"{page}: marker {match.group(0)!r}: {e}") from e

    return MARKER.sub(replace, markdown)


def ids(markdown: str) -> list[str]:
    """The benchmark ids a page asks for, in order (used by tests and `make bench`)."""
    return [m.group("args").split()[0] for m in MARKER.finditer(markdown) if m.group("args").split()]
