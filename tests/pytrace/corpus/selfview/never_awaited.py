# The classic mistake: calling a coroutine function without awaiting it.
import asyncio


async def save(item):
    await asyncio.sleep(0.1)
    print("saved", item)


async def main():
    save("first")
    await save("second")
    print("main done")


asyncio.run(main())
