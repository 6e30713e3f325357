from multiprocessing import Lock, Pool, Value


def share(counter, lock):  # runs once in each worker as it starts
    global _counter, _lock
    _counter, _lock = counter, lock


def add(times):
    for _ in range(times):
        with _lock:  # read, add and write as one step
            _counter.value += 1


if __name__ == "__main__":
    counter, lock = Value("q", 0, lock=False), Lock()
    with Pool(4, initializer=share, initargs=(counter, lock)) as pool:
        pool.map(add, [10_000] * 4)
    print(counter.value)  # 40000
