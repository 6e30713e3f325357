import time


def classify(work, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    work(*args)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return "CPU-bound" if cpu > wall / 2 else "I/O-bound"


if __name__ == "__main__":
    print("sum:", classify(sum, range(10_000_000)))  # your slow call here
    print("sleep:", classify(time.sleep, 0.5))
