"""Count words from several threads, correctly with or without a GIL.

``counts[word] += 1`` reads, adds and writes back: two threads can both read the old
value and one update is lost. A lock makes the three steps one; giving each thread
its own counter avoids sharing altogether.

>>> from collections import Counter
>>> words = ["red", "green", "blue", "red"] * 5_000
>>> count_with_lock(words, workers=4) == Counter(words)
True
>>> count_per_thread(words, workers=4) == Counter(words)
True
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import partial


def split(items: list[str], parts: int) -> list[list[str]]:
    return [items[i::parts] for i in range(parts)]


# --8<-- [start:lock]
def add_words(counts: Counter[str], lock: threading.Lock, words: list[str]) -> None:
    for word in words:
        with lock:  # read, add and write back as one step
            counts[word] += 1


def count_with_lock(words: list[str], workers: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    lock = threading.Lock()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(partial(add_words, counts, lock), split(words, workers)))
    return counts


# --8<-- [end:lock]


# --8<-- [start:per_thread]
def count_per_thread(words: list[str], workers: int) -> Counter[str]:
    with ThreadPoolExecutor(workers) as pool:
        partials = list(pool.map(Counter, split(words, workers)))  # nothing shared
    return sum(partials, Counter())


# --8<-- [end:per_thread]


if __name__ == "__main__":
    words = "the quick brown fox jumps over the lazy dog".split() * 5_000
    locked, separate = count_with_lock(words, 4), count_per_thread(words, 4)
    print(f"with a lock: {locked.most_common(2)}")
    print(f"one counter per thread gives the same counts: {locked == separate}")
