import asyncio
async def producer(q, n):
    for i in range(1, n + 1):
        await asyncio.sleep(0.1)
        await q.put(i)
        print(f"produced {i}")
    await q.put(None)
async def consumer(q):
    while True:
        item = await q.get()
        if item is None:
            break
        print(f"consumed {item}")
        await asyncio.sleep(0.15)
async def main():
    q = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(q, 4), consumer(q))
asyncio.run(main())
