"""Crawling a local site: serially, with processes and queues, with a thread pool (snippets/crawl_site.py)."""

from __future__ import annotations

from collections.abc import Callable

from snippets import crawl_site as c
from timings.spec import Benchmark, Lang, Metric, Variant, both

PAGES, DELAY = 20, 0.01  # 20 pages × 10 ms: a serial crawl takes about a quarter of a second
WORKER_COUNTS = (2, 4, 8)


def crawled(crawl: Callable[[str], dict[str, str]]) -> Callable[[c.LocalSite], dict[str, float]]:
    """One round: crawl the site and return how many requests the server got."""

    def run(site: c.LocalSite) -> dict[str, float]:
        site.reset()
        titles = crawl(site.url(0))
        if len(titles) != PAGES:
            raise RuntimeError(f"crawled {len(titles)} of {PAGES} pages")
        return {"requests": float(sum(site.hits().values()))}

    return run


def variants() -> tuple[Variant, ...]:
    rows = [Variant("serial", {"en": "serial (baseline)", "zh": "串行（基线）"}, crawled(c.crawl_serial))]
    for n in WORKER_COUNTS:
        rows.append(
            Variant(
                f"processes_{n}",
                {"en": f"{n} processes, queues + Manager", "zh": f"{n} 个进程，队列 + Manager"},
                crawled(lambda url, n=n: c.crawl_with_processes(url, n)),
                workers=n,
            )
        )
    rows.append(
        Variant(
            "processes_2014",
            {"en": "4 processes, 2014 check-then-set", "zh": "4 个进程，2014 年的“先检查、再写入”"},
            crawled(lambda url: c.crawl_with_processes(url, 4, consumer=c.consume_like_2014)),
            workers=4,
        )
    )
    for n in WORKER_COUNTS:
        rows.append(
            Variant(
                f"threads_{n}",
                {"en": f"thread pool, {n} threads", "zh": f"线程池，{n} 个工作线程"},
                crawled(lambda url, n=n: c.crawl_with_threads(url, n)),
                workers=n,
            )
        )
    return tuple(rows)


def read_crawler(r, lang: Lang) -> str:
    most = WORKER_COUNTS[-1]
    p, t = r.speedup(f"processes_{most}"), r.speedup(f"threads_{most}")
    extra = r.value("processes_2014", "requests") - PAGES
    threads_win = r.median(f"threads_{most}") <= r.median(f"processes_{most}")
    verdict = (
        both(en="the thread pool is faster and starts no process", zh="线程池更快，而且不用启动任何进程")
        if threads_win
        else both(en="processes are faster", zh="用进程更快")
    )
    return both(
        en=f"With {most} workers the thread pool reaches **{t:.2f}×** and processes **{p:.2f}×**: "
        f"{verdict['en']}. The 2014 check-then-set cost **{extra:.0f}** duplicate requests for "
        f"{PAGES} pages.",
        zh=f"{most} 个工作线程的线程池加速比为 **{t:.2f}×**，{most} 个工作进程为 **{p:.2f}×**。"
        f"{verdict['zh']}。2014 年的“先检查、再写入”让服务器多收到了 **{extra:.0f}** 个重复请求"
        f"（共 {PAGES} 个页面）。",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="crawler_workers",
        title={
            "en": f"Crawling {PAGES} linked pages, {DELAY * 1000:.0f} ms per request",
            "zh": f"爬取 {PAGES} 个互相链接的页面，每个请求 {DELAY * 1000:.0f} ms",
        },
        variants=variants(),
        sources=("snippets/crawl_site.py",),
        timer="end_to_end",  # a crawl starts its processes or threads, as the 2014 crawler did
        columns=("best", "median", "speedup", "requests"),
        metrics=(
            Metric(
                "requests",
                {"en": f"Requests for {PAGES} pages", "zh": f"{PAGES} 个页面的请求数"},
                unit="count",
            ),
        ),
        baseline="serial",
        items=PAGES,
        rounds=2,  # I/O-bound: the ratios move by a few percent at most between builds
        setup=lambda: c.LocalSite(pages=PAGES, delay=DELAY),
        reading=read_crawler,
    ),
)
