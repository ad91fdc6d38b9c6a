import asyncio
async def fetch(name, delay, fail=False):
    try:
        print(f"{name}: start")
        await asyncio.sleep(delay)
        if fail:
            raise ConnectionError(f"{name} is down")
        print(f"{name}: done")
        return name
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise
async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch("users", 0.3))
            tg.create_task(fetch("orders", 0.1, fail=True))
            tg.create_task(fetch("stock", 0.05))
        print("not reached")
    except* ConnectionError as eg:
        for e in eg.exceptions:
            print(f"failed: {e}")
    print("main goes on")
asyncio.run(main())
