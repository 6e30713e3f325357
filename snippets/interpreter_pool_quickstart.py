import sys
from math import isqrt


def count_primes(start, stop):
    count = 0
    for n in range(start, stop):
        count += all(n % d for d in range(2, isqrt(n) + 1))
    return count


if __name__ == "__main__":
    if sys.version_info < (3, 14):
        print("InterpreterPoolExecutor needs Python 3.14 or later")
        sys.exit()
    from concurrent.futures import InterpreterPoolExecutor

    with InterpreterPoolExecutor(4) as pool:  # 4 threads, each its own interpreter
        print(sum(pool.map(count_primes, [2, 10_000], [10_000, 20_000])))
