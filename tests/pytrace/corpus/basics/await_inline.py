# Awaiting a coroutine runs it inline: no concurrency until something is wrapped in a task.
# corpus: mask=elapsed
import asyncio
import time


async def brew(what, seconds):
    print(f"brewing {what}")
    await asyncio.sleep(seconds)
    print(f"{what} ready")
    return what


async def main():
    start = time.monotonic()
    await brew("coffee", 0.5)
    await brew("tea", 0.3)
    sequential = time.monotonic() - start
    print(f"one after the other: {sequential:.1f} s")
    start = time.monotonic()
    await asyncio.gather(brew("coffee", 0.5), brew("tea", 0.3))
    together = time.monotonic() - start
    print(f"together: {together:.1f} s")


asyncio.run(main())
