import asyncio, time
from concurrent.futures import ThreadPoolExecutor
def blocking_io(name):
    time.sleep(0.2)
    return f"{name} read"
async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(0.1)
async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(
            loop.run_in_executor(pool, blocking_io, "file1"),
            loop.run_in_executor(pool, blocking_io, "file2"),
            ticker())
    print(results[:2])
asyncio.run(main())
