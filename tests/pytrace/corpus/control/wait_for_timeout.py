# wait_for: one call finishes in time, one is cancelled by its timeout.
import asyncio


async def eternity():
    await asyncio.sleep(3600)
    print("yay!")


async def quick():
    await asyncio.sleep(0.1)
    return "quick result"


async def main():
    print(await asyncio.wait_for(quick(), timeout=1.0))
    try:
        await asyncio.wait_for(eternity(), timeout=0.5)
    except asyncio.TimeoutError:
        print("timeout!")


asyncio.run(main())
