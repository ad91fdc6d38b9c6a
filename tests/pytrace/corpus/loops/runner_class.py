# asyncio.Runner (Python 3.11): several runs on one loop.
import asyncio


async def step(n):
    await asyncio.sleep(0.1)
    return n * 2


with asyncio.Runner() as runner:
    print(runner.run(step(1)))
    print(runner.run(step(2)))
    loop = runner.get_loop()
    print("same loop both times:", loop is runner.get_loop())
print("runner closed")
