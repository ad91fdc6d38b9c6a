# A busy wait on the wall clock that still yields to the loop: a heartbeat runs meanwhile.
# corpus: timeout=8
import asyncio
import time


async def heartbeat():
    for i in range(3):
        await asyncio.sleep(0.2)
        print("beat", i)


async def spin_until(deadline):
    spins = 0
    while time.time() < deadline:
        spins += 1
        await asyncio.sleep(0)
    return spins


async def main():
    hb = asyncio.create_task(heartbeat())
    spins = await spin_until(time.time() + 1.0)
    print("spun", "many times" if spins > 10 else f"only {spins} times")
    await hb


asyncio.run(main())
