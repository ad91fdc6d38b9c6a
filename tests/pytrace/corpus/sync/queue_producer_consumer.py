# A bounded queue between a fast producer and a slow consumer: put() waits when it is full.
import asyncio


async def producer(q):
    for i in range(6):
        await q.put(i)
        print(f"put {i} (size {q.qsize()})")
    await q.put(None)


async def consumer(q):
    while (item := await q.get()) is not None:
        await asyncio.sleep(0.1)
        print(f"got {item}")


async def main():
    q = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(q), consumer(q))


asyncio.run(main())
