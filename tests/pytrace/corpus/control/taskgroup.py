# asyncio.TaskGroup (Python 3.11): all tasks awaited at the end of the block.
import asyncio


async def some_coro(n, delay):
    await asyncio.sleep(delay)
    print(f"coro {n} done")
    return n * 10


async def main():
    async with asyncio.TaskGroup() as tg:
        task1 = tg.create_task(some_coro(1, 0.3))
        task2 = tg.create_task(some_coro(2, 0.1))
    print(f"Both tasks have completed now: {task1.result()}, {task2.result()}")


asyncio.run(main())
