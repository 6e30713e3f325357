from multiprocessing import Pool


def square(n):
    return n * n


if __name__ == "__main__":
    workers, numbers = 4, range(20)
    with Pool(workers) as pool:  # worker processes, gone when the block ends
        squares = pool.map(square, numbers)
    print(squares)
