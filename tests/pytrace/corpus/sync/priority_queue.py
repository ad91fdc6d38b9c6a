# asyncio.PriorityQueue: jobs come out by priority, not arrival.
import asyncio


async def main():
    q = asyncio.PriorityQueue()
    for prio, job in ((3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")):
        await q.put((prio, job))
    while not q.empty():
        prio, job = await q.get()
        print(prio, job)
    lifo = asyncio.LifoQueue()
    for x in "abc":
        lifo.put_nowait(x)
    print([lifo.get_nowait() for _ in range(3)])


asyncio.run(main())
