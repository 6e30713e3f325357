import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    print("default:", multiprocessing.get_start_method())  # forkserver on Linux, 3.14+
    context = multiprocessing.get_context("fork")  # for this pool only (not on Windows)
    with context.Pool(2) as pool:
        print(pool.map(square, range(10)))
