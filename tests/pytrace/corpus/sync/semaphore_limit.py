# A Semaphore keeps at most two downloads running at once.
import asyncio

sem = asyncio.Semaphore(2)
running = 0


async def download(n):
    global running
    async with sem:
        running += 1
        print(f"download {n} starts ({running} running)")
        await asyncio.sleep(0.2 + 0.3 * (n % 2))
        running -= 1
        print(f"download {n} done")


async def main():
    await asyncio.gather(*(download(n) for n in range(5)))


asyncio.run(main())
