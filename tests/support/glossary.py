"""The site's English ↔ Chinese terms, as data the translation tests use (tests/website/test_translation.py).

Copied from the authors' glossary (shared/glossary.md, beside the repository where it exists; a test
checks the copy against it there) so that the tests run in any clone. Each term has:
- `en`: a regular expression for the English term in English prose (case-insensitive),
- `zh`: the accepted Chinese renderings (the first is the glossary's; a Chinese page whose English
  counterpart uses the term must contain one of them),
- `wrong`: regular expressions for other translations that must not appear in Chinese prose.
`TABLE_WRONG` applies to table headers and row labels only (the timing engine's labels, and tables
written in a page).
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
    Term(r"\bconcurren(t|tly|cy)\b", ("并发",)),
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
        ("序列化（pickle）", "可被 pickle 序列化"),
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
    Term(r"\bnotebooks?\b", ("Notebook（笔记本）",), ("(?<!Notebook（)笔记本",)),
)

# English words that are a glossary term only in some senses: not required on the Chinese side.
EN_TERM_SKIP = {r"\bfutures?\b"}  # "in the future" is not a concurrent.futures.Future

# Table headers and row labels: the baseline is 串行（基线）, never "sequential execution".
TABLE_WRONG: tuple[str, ...] = ("顺序执行", "顺序（基线）", "依序执行")

# Glossary entries that only the timing engine writes (table captions), not page prose.
ENGINE_ONLY: tuple[str, ...] = ("测量环境：",)
