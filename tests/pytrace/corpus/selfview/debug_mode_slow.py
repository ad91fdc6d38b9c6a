# asyncio debug mode: a blocking call in a coroutine is logged as a slow callback.
# corpus: mask=elapsed,addr
import asyncio
import time


async def blocker():
    time.sleep(0.3)


async def main():
    await blocker()
    print("blocker done")


asyncio.run(main(), debug=True)
