# repr of tasks in their different states.
# corpus: mask=addr
import asyncio


async def nap(t):
    await asyncio.sleep(t)
    return "rested"


async def main():
    t = asyncio.create_task(nap(0.1), name="napper")
    print(repr(t))
    await asyncio.sleep(0)
    print(repr(t))
    await t
    print(repr(t))
    c = asyncio.create_task(nap(1))
    await asyncio.sleep(0)
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        pass
    print(repr(c))


asyncio.run(main())
