from multiprocessing import Pool

_data = b""


def keep(data):
    global _data
    _data = data  # runs once in each worker, before its first task


def sample(seed):
    return _data[seed * 9973 % len(_data)]


if __name__ == "__main__":
    data = bytes(range(256)) * 40_000  # 10 MB: sent once per worker, not per task
    with Pool(2, initializer=keep, initargs=(data,)) as pool:
        print(sum(pool.map(sample, range(100), chunksize=1)))
