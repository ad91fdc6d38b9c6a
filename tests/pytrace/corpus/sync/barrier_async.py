# asyncio.Barrier (Python 3.11): parties arrive at different times and leave together.
# corpus: mask=addr
import asyncio


async def party(barrier, name, delay):
    await asyncio.sleep(delay)
    print(f"{name} arrives")
    pos = await barrier.wait()
    print(f"{name} passes (position {pos})")


async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(party(barrier, "x", 0.3), party(barrier, "y", 0.1), party(barrier, "z", 0.2))
    print(barrier)


asyncio.run(main())
