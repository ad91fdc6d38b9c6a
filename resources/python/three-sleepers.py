import asyncio
async def sleeper(i):
    print(f"sleeper {i} sleeps")
    await asyncio.sleep(1)
    print(f"sleeper {i} wakes")
async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.gather(sleeper(1), sleeper(2), sleeper(3))
    print(f"elapsed {loop.time() - t0:.0f}s")
asyncio.run(main())
