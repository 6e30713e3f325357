import tempfile

import dask
from dask.distributed import Client, LocalCluster


def square(n):
    return n * n


if __name__ == "__main__":
    with (
        tempfile.TemporaryDirectory() as scratch,  # Dask's files, removed afterwards
        dask.config.set({"temporary-directory": scratch}),
        LocalCluster(n_workers=2, dashboard_address="127.0.0.1:0") as cluster,
        Client(cluster) as client,
        client.get_executor() as executor,  # a concurrent.futures.Executor
    ):
        print(list(executor.map(square, range(10))))
