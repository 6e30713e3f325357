import time
from multiprocessing import Pool

from tqdm import tqdm


def slow_square(n):
    time.sleep(0.01)
    return n * n


if __name__ == "__main__":
    numbers = range(200)
    with Pool(4) as pool:
        results = pool.imap_unordered(slow_square, numbers, chunksize=4)
        squares = list(tqdm(results, total=len(numbers)))  # the parent moves the bar
    print(sum(squares))
