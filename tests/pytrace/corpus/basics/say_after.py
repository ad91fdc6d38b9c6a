# The "Coroutines and Tasks" walk-through: two say_after calls awaited one after the other, then the
# same two as tasks, with the wall clock printed around each.
# corpus: mask=time
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def sequential():
    print(f"started at {time.strftime('%X')}")
    t0 = time.time()
    await say_after(1, "hello")
    await say_after(2, "world")
    print(f"finished at {time.strftime('%X')}")
    print(f"took about {round(time.time() - t0)} s")


async def concurrent():
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))
    print(f"started at {time.strftime('%X')}")
    t0 = time.time()
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}")
    print(f"took about {round(time.time() - t0)} s")


async def main():
    await sequential()
    await concurrent()


asyncio.run(main())
