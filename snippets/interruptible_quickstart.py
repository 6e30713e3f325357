import signal
import time
from multiprocessing import Pool


def ignore_sigint():  # Ctrl-C: workers leave it to the parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def slow_square(n):
    time.sleep(0.05)
    return n * n


if __name__ == "__main__":
    with Pool(2, initializer=ignore_sigint) as pool:
        try:
            print(sum(pool.imap_unordered(slow_square, range(20))))
        except KeyboardInterrupt:
            pool.terminate()  # stop the workers now, then say so
            print("interrupted")
