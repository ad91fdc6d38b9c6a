# gr1 and gr2 both sleep 2 s, gr3 sleeps 1 s: gr3 ends first, then gr1 (armed first), then gr2.
import asyncio


async def gr1():
    print("gr1 started")
    await asyncio.sleep(2)
    print("gr1 ended")


async def gr2():
    print("gr2 started")
    await asyncio.sleep(2)
    print("gr2 ended")


async def gr3():
    print("gr3 started")
    await asyncio.sleep(1)
    print("gr3 ended")


async def main():
    await asyncio.gather(gr1(), gr2(), gr3())
    print("all done")


asyncio.run(main())
