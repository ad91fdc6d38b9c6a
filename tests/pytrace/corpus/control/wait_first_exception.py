# asyncio.wait with FIRST_EXCEPTION and a timeout.
import asyncio


async def ok(d):
    await asyncio.sleep(d)
    return d


async def bad(d):
    await asyncio.sleep(d)
    raise RuntimeError(f"failed after {d}")


async def main():
    tasks = [asyncio.create_task(ok(0.1)), asyncio.create_task(bad(0.2)), asyncio.create_task(ok(0.5))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), "done,", len(pending), "pending")
    for t in tasks:
        if t.done():
            print("  ", t.exception() or t.result())
    done, pending = await asyncio.wait(pending, timeout=0.1)
    print("after a 0.1 s wait:", len(done), "done,", len(pending), "pending")
    await asyncio.wait(pending)
    print("last one:", tasks[2].result())


asyncio.run(main())
