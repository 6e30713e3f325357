from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

SITE = {"/": ["/a", "/b"], "/a": ["/b", "/c"], "/b": ["/"], "/c": []}


def visit(url):  # stands for an HTTP request: returns the page's links
    return SITE[url]


if __name__ == "__main__":
    seen = {"/"}  # only this thread touches it: no lock
    with ThreadPoolExecutor(4) as pool:
        running = {pool.submit(visit, "/")}
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for link in (link for future in done for link in future.result()):
                if link not in seen:
                    seen.add(link)
                    running.add(pool.submit(visit, link))
    print(sorted(seen))
