import random
import time
from multiprocessing import Pool


def run_job(n):
    time.sleep(random.random() / 10)  # jobs of different lengths
    return n


if __name__ == "__main__":
    with Pool(4) as pool:
        for n in pool.imap_unordered(run_job, range(10)):  # as each one finishes
            print("done:", n)
