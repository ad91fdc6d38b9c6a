# asyncio.Condition: consumers wait for items, the producer notifies one at a time.
import asyncio


async def consumer(cond, items, name):
    async with cond:
        await cond.wait_for(lambda: items)
        item = items.pop(0)
        print(f"{name} consumed {item}")


async def producer(cond, items):
    for item in ("bread", "milk", "eggs"):
        await asyncio.sleep(0.2)
        async with cond:
            items.append(item)
            print(f"produced {item}")
            cond.notify()


async def main():
    cond = asyncio.Condition()
    items = []
    consumers = [asyncio.create_task(consumer(cond, items, f"c{i}")) for i in range(3)]
    await producer(cond, items)
    await asyncio.gather(*consumers)


asyncio.run(main())
