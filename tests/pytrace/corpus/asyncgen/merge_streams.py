# Two async generators merged through a queue, as a log tailer might.
import asyncio


async def source(name, delay, n):
    for i in range(n):
        await asyncio.sleep(delay)
        yield f"{name}{i}"


async def merge(*gens):
    q = asyncio.Queue()
    done = object()

    async def pump(g):
        async for item in g:
            await q.put(item)
        await q.put(done)

    tasks = [asyncio.create_task(pump(g)) for g in gens]
    remaining = len(gens)
    while remaining:
        item = await q.get()
        if item is done:
            remaining -= 1
        else:
            yield item
    await asyncio.gather(*tasks)


async def main():
    async for item in merge(source("a", 0.15, 3), source("b", 0.25, 2)):
        print(item)


asyncio.run(main())
