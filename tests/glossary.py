"""The site's English ↔ Chinese terms, as data the translation tests use (tests/test_translation.py).

Copied from the authors' glossary (shared/glossary.md, beside the repository where it exists; a test
checks the copy against it there) so that the tests run in any clone. Each term has:
- `en`: a regular expression for the English term in English prose (case-insensitive),
- `zh`: the accepted Chinese renderings (the first is the glossary's; a Chinese page whose English
  counterpart uses the term must contain one of them),
- `wrong`: regular expressions for other translations that must not appear in Chinese prose.
`TABLE_WRONG` applies to table headers and row labels only (the timing engine's labels, and tables
written in a page). `CALQUES` are translated-English wordings the glossary's paragraph on writing
Chinese names; `FIRST_MENTION` and `ONCE_PER_PAGE` are its "first use on a page" rules, and
`SYSTEM_CLOCK` / `VAGUE_AMOUNT` its rules for the clock and for precise thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    en: str
    zh: tuple[str, ...]
    wrong: tuple[str, ...] = ()


TERMS: tuple[Term, ...] = (
    Term(r"\bprocess(es)?\b", ("进程",)),
    Term(r"\bthreads?\b", ("线程",), ("执行绪", "线绪")),
    Term(r"\bprocess pools?\b", ("进程池",), ("处理池", "过程池", "进程池化", "流程池")),
    Term(r"\bthread pools?\b", ("线程池",), ("线索池", "线程池化")),
    Term(r"\bworker process(es)?\b", ("工作进程",), ("工人进程", "工作者进程", "劳动进程")),
    Term(r"\bworker threads?\b", ("工作线程",), ("工人线程", "工作者线程")),
    Term(r"\btasks?\b", ("任务",)),
    Term(r"\bserial(ly)?\b", ("串行", "串行（基线）"), ("串列",)),
    Term(r"\bparallel(ism)?\b", ("并行",), ("平行处理", "平行计算", "平行执行", "平行运算", "平行化")),
    Term(r"\bconcurren(t|tly|cy)\b(?!\.futures)", ("并发",)),  # not the module's name
    Term(r"\bCPU-bound\b", ("CPU 密集型",), ("CPU 绑定", "CPU 受限", "CPU 约束", "受 CPU 限制")),
    Term(r"\bI/O-bound\b", ("I/O 密集型",), ("I/O 绑定", "I/O 受限", r"\bIO 密集型")),
    Term(
        r"\bglobal interpreter lock\b",
        ("全局解释器锁（GIL）", "全局解释器锁"),
        ("全局解释锁", "全域解释器锁", "全局解析器锁"),
    ),
    Term(
        r"\bfree-threaded builds?\b",
        ("自由线程构建",),
        ("自由线程版本", "自由线程版", "自由线程编译", "自由线程化", "无锁构建"),
    ),
    Term(r"\bsubinterpreters?\b", ("子解释器",), ("子解析器", "子翻译器", "次解释器")),
    Term(r"\bstart methods?\b", ("启动方法",), ("启动方式", "启动模式", "开始方法", "启动方案")),
    Term(r"\blocks?\b", ("锁",)),
    Term(r"\brace conditions?\b", ("竞态条件",), ("竞争条件", "竞争状态", "竞态状况")),
    Term(r"\bdeadlocks?\b", ("死锁",), ("僵局",)),
    Term(r"\bqueues?\b", ("队列",), ("伫列",)),
    Term(r"\bshared memory\b", ("共享内存",), ("共用内存", "共享存储器", "共享记忆体")),
    Term(
        r"\bpickl(e|es|ed|ing|able)\b",
        ("序列化（pickle）", "可被 pickle 序列化", "序列化"),
        ("腌制", "醃製", "酸洗", "泡菜", "封存"),
    ),
    Term(r"\bcallbacks?\b", ("回调",), ("回呼", "回叫")),
    Term(r"\bfutures?\b", ("Future 对象",), ("期物", "未来对象")),  # en: only as a term, see EN_TERM_SKIP
    Term(r"\bexecutors?\b", ("执行器",), ("执行程序", "执行者")),
    Term(r"\bevent loops?\b", ("事件循环",), ("事件环", "事件回圈")),
    Term(r"\bcoroutines?\b", ("协程",), ("协同程序", "协同例程", "共行程序")),
    Term(r"\boverheads?\b", ("开销",), ("管理费用", "间接费用", "额外负担")),
    Term(r"\bspeedups?\b", ("加速比",), ("加速率", "提速比", "加速倍数", "加速系数")),
    Term(r"\bparallel efficiency\b", ("并行效率",), ("平行效率", "并行效能")),
    Term(r"\bwall[- ](clock )?time\b", ("墙钟时间",), ("挂钟时间", "墙上时间", "墙上时钟时间")),
    Term(r"\bmedians?\b", ("中位数",), ("中值(?!得)", "中间值")),
    Term(r"\bbenchmarks?\b", ("基准测试",), ("基准检验", "标竿测试", "跑分")),
    Term(r"\btiming tables?\b", ("耗时表",), ("计时表", "时序表", "用时表")),
    Term(r"\bcrawlers?\b", ("爬虫",), ("蜘蛛程序", "网络蜘蛛")),
    Term(r"\bprogress bars?\b", ("进度条",), ("进度栏", "进度列")),
    Term(r"\bclusters?\b", ("集群",), ("丛集", "群集")),
    Term(r"\bnotebooks?\b", ("Notebook（笔记本）",), ("(?<!Notebook（)笔记本(?!电脑)",)),
    Term(r"\bserver process(es)?\b", ("服务器进程",), ("服务进程",)),
    Term(
        r"\bguard(ing)? the entry point\b|\bentry[- ]point (is )?guard(ed)?\b|\x00 guard\b",
        ("入口保护",),
        (r"保护好?(程序的?)?入口", r"入口(也|都)?(有|加了?)保护"),
    ),
    Term(r"\bsystem clock\b", ("系统时钟",), ("系统时间时钟",)),
    # 哈希 is a noun (哈希值, 哈希函数, 文件的哈希, 计算哈希 all pass). It is used as a verb, and
    # rejected, when an object, a count or a comparison follows it directly (哈希文件, 哈希路径,
    # 哈希 N 个, 哈希的是, 哈希超过 …), or when it directly follows a word that only precedes a
    # verb (并行哈希, 地哈希, 在哈希, 做哈希, 来哈希, 能哈希, 会哈希, 它哈希) and no noun ending
    # (值, 函数, 表, 算法, 摘要) follows.
    Term(
        r"\bhash(es|ed|ing)?\b",
        ("计算哈希",),
        (
            r"(?<!计算)(?<!的)哈希(?=\s*(文件|路径|数据|内容|字符串|缓冲|\d|N\b|\{|的是|超过|大于|小于))",
            r"(并行|地|在|做|来|能|会|可以|正在|它|它们)哈希(?!值|函数|表|算法|摘要)",
        ),
    ),
    Term(
        r"\bfeeder threads?\b",
        ("后台写管道的线程（feeder 线程）", "feeder 线程"),
        (r"feeder(?! 线程)",),  # and FIRST_MENTION: explained at its first use on a page
    ),
)

# English words that are a glossary term only in some senses: not required on the Chinese side.
EN_TERM_SKIP = {
    r"\bfutures?\b",  # "in the future" is not a concurrent.futures.Future
    r"\bhash(es|ed|ing)?\b",  # also a noun ("the hash"), which Chinese writes 哈希 without 计算
}

# Table headers and row labels: the baseline is 串行（基线）, never "sequential execution".
TABLE_WRONG: tuple[str, ...] = ("顺序执行", "顺序（基线）", "依序执行")

# Glossary entries that only the timing engine writes (table captions), not page prose.
ENGINE_ONLY: tuple[str, ...] = ("测量环境：",)

# The glossary's paragraph on writing Chinese, not translated English: English cost and judgement
# words carried over. (regular expression, what to write instead)
CALQUES: tuple[tuple[str, str], ...] = (
    (r"(?<![支交应对])付出?[^，。；：、]{0,10}?(开销|往返)", "产生开销 / 多一次往返 (not 付…开销)"),
    (r"(开销|往返)[^，。；：、]{0,10}?(?<![支交应对])付", "产生开销 (not …开销…付)"),
    (r"(?<![支交应对])付[一两几]次", "产生一次开销 / 只发生一次 (not 付一次)"),
    (r"候选", "可以考虑 (not 候选)"),
    (r"错(的|误的)工具", "未必合适的工具 (not 错的工具)"),
)

# A precise threshold written vaguely: a vague count right before a byte unit. Write the figure the
# English gives (约 2 KiB); where the English gives none, say so without a count (以 MB 计).
VAGUE_AMOUNT: tuple[str, str] = (
    r"(几|数|若干)\s*(B|KB|KiB|MB|MiB|GB|GiB|字节|千字节|兆字节)(?![A-Za-z])",
    "the figure, as the English gives it (约 2 KiB, not 几 KB)",
)

# `datetime.now()` reads the system clock (系统时钟); 墙钟时间 is only elapsed time measured with
# `perf_counter`. A paragraph or table row naming the system clock's API, or its jumps, must not say
# 墙钟时间. (what names the system clock, the word it excludes)
SYSTEM_CLOCK: tuple[str, str] = (r"datetime\.now\(|time\.time\(\)|跳变|校时|时钟调整", "墙钟时间")

# "Explain at first use on a page": the first occurrence of the word must be inside the explanation.
FIRST_MENTION: tuple[tuple[str, str], ...] = (("feeder", "后台写管道的线程（feeder 线程）"),)

# Written at the first mention on a page only, not repeated at every mention.
ONCE_PER_PAGE: tuple[str, ...] = ("（pickle）", "（feeder 线程）")
