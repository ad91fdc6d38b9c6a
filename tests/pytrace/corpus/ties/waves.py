# Three waves of workers; in each wave every worker waits the same 0.2 s.
import asyncio


async def worker(wave, n):
    await asyncio.sleep(0.2)
    return f"{wave}.{n}"


async def main():
    for wave in range(1, 4):
        done = []
        tasks = [asyncio.create_task(worker(wave, n)) for n in range(5)]
        for t in tasks:
            t.add_done_callback(lambda t: done.append(t.result()))
        await asyncio.gather(*tasks)
        print(f"wave {wave}:", " ".join(done))


asyncio.run(main())
