"""The errata page's claims: verdicts follow the measured numbers, in both languages."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from tests.support.fake_results import fake_result
from timings import registry
from timings.benchmarks import errata
from timings.benchmarks.errata import CLAIMS, Claim, Verdict
from timings.results import Result

pytestmark = pytest.mark.once  # verdicts are computed from numbers, no process is started

OTHER_CALLS = {"imap": 1.0, "apply_async_callback": 1.0}  # pool_first_result variants no claim reads


def fake(
    bench_id: str,
    seconds: Mapping[str, float],
    first_result: Mapping[str, float] | None = None,
    busy: bool = False,
) -> Result:
    """A result of `bench_id` whose every sample of variant k is seconds[k]."""
    first = {k: {"first_result": v} for k, v in (first_result or {}).items()}
    return fake_result(bench_id, seconds=seconds, metrics=first, busy=busy)


def lookup(*found: Result) -> Callable[[str], Result]:
    by_id = {r.bench.id: r for r in found}
    return lambda bench_id: by_id[bench_id]


def claim(check: Callable) -> Claim:
    return next(c for c in CLAIMS if c.check is check)


def crawler(threads: float, processes: float, serial: float = 1.0) -> Result:
    seconds = {v.key: 1.0 for v in registry.get("crawler_workers").variants}
    seconds.update(serial=serial, threads_8=threads, processes_8=processes)
    return fake("crawler_workers", seconds)


# (check, results that make it hold, results that make it fail or hold only partly, expected verdict)
CASES = [
    (
        errata.processes_beat_threads_on_cpu,
        fake("hash_files_cpu", {"serial": 1.0, "processes": 0.5, "threads": 1.05}),
        fake("hash_files_cpu", {"serial": 1.0, "processes": 0.5, "threads": 0.5}),  # free-threaded
        Verdict.FAILS,
    ),
    (
        errata.threads_slower_than_serial_on_cpu,
        fake("hash_files_cpu", {"serial": 1.0, "processes": 0.5, "threads": 1.3}),
        fake("hash_files_cpu", {"serial": 1.0, "processes": 0.5, "threads": 1.02}),
        Verdict.PARTLY,
    ),
    (
        errata.processes_slower_than_serial_on_trivial_work,
        fake("hash_files_overhead", {"serial": 0.1, "processes": 0.2, "threads": 0.12}),
        fake("hash_files_overhead", {"serial": 0.1, "processes": 0.05, "threads": 0.12}),
        Verdict.FAILS,
    ),
    (
        errata.executor_slower_than_pool,
        fake(
            "executor_chunksize",
            {"serial": 0.1, "pool_map": 0.06, "executor_1": 0.3, "executor_chunked": 0.2},
        ),
        fake(
            "executor_chunksize",
            {"serial": 0.1, "pool_map": 0.06, "executor_1": 0.3, "executor_chunked": 0.062},
        ),
        Verdict.PARTLY,
    ),
    (
        errata.threads_suffice_for_crawling,
        crawler(threads=0.2, processes=0.3),
        crawler(threads=0.2, processes=0.1),
        Verdict.FAILS,
    ),
    (
        errata.lock_around_everything_slower_than_serial,
        fake("pool_lock_contention", {"serial": 1.0, "pool_locked": 1.4, "pool_unlocked": 0.6}),
        fake("pool_lock_contention", {"serial": 1.0, "pool_locked": 0.6, "pool_unlocked": 0.6}),
        Verdict.FAILS,
    ),
    (
        errata.apply_async_same_total_as_map,
        fake(
            "pool_first_result",
            {**OTHER_CALLS, "map": 1.0, "imap_unordered": 1.0, "apply_async": 1.02},
            {**OTHER_CALLS, "map": 1.0, "imap_unordered": 0.1, "apply_async": 0.1},
        ),
        fake(
            "pool_first_result",
            {**OTHER_CALLS, "map": 1.0, "imap_unordered": 1.0, "apply_async": 1.5},
            {**OTHER_CALLS, "map": 1.0, "imap_unordered": 0.1, "apply_async": 0.1},
        ),
        Verdict.FAILS,
    ),
]


@pytest.mark.parametrize(
    ("check", "holding", "other", "verdict"), CASES, ids=[case[0].__name__ for case in CASES]
)
def test_changing_the_numbers_changes_the_verdict(check, holding, other, verdict) -> None:
    assert check(lookup(holding)).verdict is Verdict.HOLDS
    changed = check(lookup(other))
    assert changed.verdict is verdict
    for lang in ("en", "zh"):
        assert changed.label(lang) != check(lookup(holding)).label(lang)
        assert changed.today[lang] != check(lookup(holding)).today[lang]  # today's numbers are shown


def test_every_claim_has_a_case_and_reads_only_what_it_needs() -> None:
    assert {c.check for c in CLAIMS} == {case[0] for case in CASES}
    for check, holding, _, _ in CASES:
        asked: list[str] = []
        check(lambda bench_id, r=holding, asked=asked: asked.append(bench_id) or r)
        assert set(asked) <= set(claim(check).needs)


def test_rendered_report_follows_the_numbers_in_both_languages() -> None:
    cpu = {"serial": 1.0, "processes": 0.5, "threads": 1.3}
    # Every table, with numbers that make its claims hold.
    tables = [holding for _, holding, _, _ in CASES if holding.bench.id != "hash_files_cpu"]
    report = registry.get_report("errata_claims")
    assert report is not None
    assert set(report.needs) == {i for c in CLAIMS for i in c.needs}
    for lang, holds, fails, busy in (
        ("en", "holds", "does not hold", "busy"),
        ("zh", "成立", "不成立", "繁忙"),
    ):
        before = report.render(lookup(fake("hash_files_cpu", cpu), *tables), lang)
        free_threaded = fake("hash_files_cpu", {**cpu, "threads": 0.5}, busy=True)
        after = report.render(lookup(free_threaded, *tables), lang)
        rows = [line for line in before.splitlines() if line.startswith("| ") and "--" not in line][1:]
        assert len(rows) == len(CLAIMS) >= 5
        assert before.count(f"**{holds}**") == len(CLAIMS)
        assert after.count(f"**{fails}**") == 2  # both CPU claims flip on a free-threaded build
        assert busy not in before and busy in after
