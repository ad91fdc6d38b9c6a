# A custom task factory that names and counts the tasks it makes.
import asyncio
import itertools

counter = itertools.count(1)


def factory(loop, coro):
    task = asyncio.Task(coro, loop=loop)
    task.set_name(f"job#{next(counter)}:{coro.__name__}")
    return task


async def work(n):
    await asyncio.sleep(0.1 * n)
    return asyncio.current_task().get_name()


async def main():
    asyncio.get_running_loop().set_task_factory(factory)
    print(await asyncio.gather(work(2), work(1)))
    t = asyncio.create_task(work(0))
    print(await t)
    print("factory set:", asyncio.get_running_loop().get_task_factory() is factory)


asyncio.run(main())
