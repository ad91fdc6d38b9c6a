# The asyncio.Queue documentation's pattern: workers, task_done, join, then cancel the workers
# (fixed sleep times instead of random ones).
import asyncio
import time


async def worker(name, queue):
    while True:
        sleep_for = await queue.get()
        await asyncio.sleep(sleep_for)
        queue.task_done()
        print(f"{name} has slept for {sleep_for:.2f} seconds")


async def main():
    queue = asyncio.Queue()
    total_sleep_time = 0
    for sleep_for in (0.3, 0.1, 0.45, 0.25, 0.6, 0.15, 0.55, 0.2):
        total_sleep_time += sleep_for
        queue.put_nowait(sleep_for)
    tasks = [asyncio.create_task(worker(f"worker-{i}", queue)) for i in range(3)]
    started_at = time.monotonic()
    await queue.join()
    total_slept_for = time.monotonic() - started_at
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("====")
    print(f"3 workers slept in parallel for about {total_slept_for:.0f} seconds")
    print(f"total expected sleep time: {total_sleep_time:.2f} seconds")


asyncio.run(main())
