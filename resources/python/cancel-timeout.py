import asyncio
async def slow(name, delay):
    try:
        print(f"{name}: start")
        await asyncio.sleep(delay)
        print(f"{name}: finished")
        return name
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise
async def main():
    try:
        await asyncio.wait_for(slow("a", 2), timeout=0.5)
    except asyncio.TimeoutError:
        print("a timed out")
    t = asyncio.create_task(slow("b", 2))
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("b cancelled:", t.cancelled())
    r = await asyncio.gather(slow("c", 0.1), asyncio.sleep(0.2, result="d"))
    print(r)
asyncio.run(main())
