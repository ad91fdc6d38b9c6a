# The first asyncio program of most tutorials: a coroutine that says hello, waits, says world.
import asyncio


async def main():
    print("Hello ...")
    await asyncio.sleep(1)
    print("... World!")


asyncio.run(main())
