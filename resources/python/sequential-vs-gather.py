import asyncio, time
async def fetch(url, delay):
    print(f"fetch {url} start")
    await asyncio.sleep(delay)
    print(f"fetch {url} done")
    return url
async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await fetch("url1", 0.2)
    await fetch("url2", 0.1)
    print(f"sequential: {loop.time() - t0:.1f}s")
    t0 = loop.time()
    r = await asyncio.gather(fetch("url1", 0.2), fetch("url2", 0.1))
    print(f"gather: {loop.time() - t0:.1f}s {r}")
asyncio.run(main())
