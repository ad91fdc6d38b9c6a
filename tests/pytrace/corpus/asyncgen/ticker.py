# An async generator yielding on a schedule, consumed with async for.
import asyncio


async def ticker(delay, to):
    for i in range(to):
        yield i
        await asyncio.sleep(delay)


async def main():
    async for i in ticker(0.1, 5):
        print("tick", i)
    print("done")


asyncio.run(main())
