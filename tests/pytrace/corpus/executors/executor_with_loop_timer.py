# A blocking job in the default executor while a coroutine ticks on the loop.
import asyncio
import time


def crunch():
    time.sleep(0.55)
    return "crunched"


async def ticker():
    for i in range(5):
        print("tick", i)
        await asyncio.sleep(0.1)


async def main():
    loop = asyncio.get_running_loop()
    job = loop.run_in_executor(None, crunch)
    await ticker()
    print(await job)


asyncio.run(main())
