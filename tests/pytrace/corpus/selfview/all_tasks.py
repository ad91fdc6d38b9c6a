# asyncio.all_tasks and task names while a few tasks are pending.
import asyncio


async def job(n):
    await asyncio.sleep(n / 10)


async def main():
    for n in (3, 1, 2):
        asyncio.create_task(job(n), name=f"job-{n}")
    await asyncio.sleep(0)
    names = sorted(t.get_name() for t in asyncio.all_tasks())
    print(names)
    await asyncio.sleep(0.15)
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    current = asyncio.current_task()
    print("current coroutine:", current.get_coro().__qualname__)
    await asyncio.gather(*(t for t in asyncio.all_tasks() if t is not current))


asyncio.run(main())
