import asyncio


async def fetch(i, semaphore):
    async with semaphore:  # at most `limit` at a time
        async with asyncio.timeout(5):  # Python 3.11+
            await asyncio.sleep(0.1)  # stands for a request
            return i


async def main(limit=100):
    semaphore = asyncio.Semaphore(limit)
    async with asyncio.TaskGroup() as group:  # Python 3.11+
        tasks = [group.create_task(fetch(i, semaphore)) for i in range(1000)]
    print(len(tasks), "pages in about", 1000 // limit, "x 0.1 s")


if __name__ == "__main__":
    asyncio.run(main())
