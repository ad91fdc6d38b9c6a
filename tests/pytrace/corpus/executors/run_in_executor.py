# loop.run_in_executor with the default pool, a custom thread pool and a process pool.
import asyncio
import concurrent.futures
import time


def blocking_io():
    time.sleep(0.2)
    return "io result"


def cpu_bound():
    return sum(i * i for i in range(100_000))


async def main():
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(None, blocking_io)
    print("default thread pool:", result)
    with concurrent.futures.ThreadPoolExecutor() as pool:
        result = await loop.run_in_executor(pool, blocking_io)
        print("custom thread pool:", result)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        result = await loop.run_in_executor(pool, cpu_bound)
        print("custom process pool:", result)


if __name__ == "__main__":
    asyncio.run(main())
