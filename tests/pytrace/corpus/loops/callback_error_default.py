# An error in a plain callback with the default handler: asyncio logs it to stderr and goes on.
import asyncio


def bad_callback(x):
    return 1 / x


async def main():
    asyncio.get_running_loop().call_soon(bad_callback, 0)
    await asyncio.sleep(0.1)
    print("the loop kept running")


asyncio.run(main())
