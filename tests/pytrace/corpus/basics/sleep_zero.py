# sleep(0) hands control back to the loop: two coroutines take turns.
import asyncio


async def ping(n):
    for i in range(n):
        print("ping", i)
        await asyncio.sleep(0)


async def pong(n):
    for i in range(n):
        print("pong", i)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(ping(3), pong(3))


asyncio.run(main())
