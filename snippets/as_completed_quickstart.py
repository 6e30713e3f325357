import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch(seconds):  # stands for a request that takes that long
    time.sleep(seconds)
    return f"answered after {seconds} s"


if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {pool.submit(fetch, s): s for s in (0.3, 0.1, 0.2)}
        for future in as_completed(futures):  # in the order they finish
            print(futures[future], "->", future.result())
