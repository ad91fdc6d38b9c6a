# An async generator left suspended: asyncio.run finalizes it (shutdown_asyncgens) at the end.
import asyncio


async def stream():
    try:
        i = 0
        while True:
            yield i
            i += 1
            await asyncio.sleep(0.01)
    finally:
        print("stream finalized")


async def main():
    s = stream()
    async for x in s:
        if x == 2:
            break
    print("main returns with the generator still open")


asyncio.run(main())
print("after asyncio.run")
