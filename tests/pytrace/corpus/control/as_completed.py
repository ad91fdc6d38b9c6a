# asyncio.as_completed: results in the order they finish.
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}s"


async def main():
    coros = [fetch("A", 0.3), fetch("B", 0.1), fetch("C", 0.2)]
    for earliest in asyncio.as_completed(coros):
        print(await earliest)


asyncio.run(main())
