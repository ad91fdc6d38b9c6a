# asyncio.wait with FIRST_COMPLETED, then cancel the rest.
import asyncio


async def server(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = {asyncio.create_task(server(n, d), name=n) for n, d in (("eu", 0.4), ("us", 0.2), ("asia", 0.6))}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("fastest:", [t.result() for t in done])
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print("cancelled:", sorted(t.get_name() for t in pending if t.cancelled()))


asyncio.run(main())
