import hashlib
from multiprocessing import Pool
from pathlib import Path


def file_digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


if __name__ == "__main__":  # required: workers import this file
    paths = sorted(str(p) for p in Path(".").iterdir() if p.is_file())
    with Pool() as pool:  # one worker process per CPU
        for path, digest in zip(paths, pool.map(file_digest, paths), strict=True):
            print(digest[:16], path)
