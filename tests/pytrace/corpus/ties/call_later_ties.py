# call_later with the same delay, armed in a loop: the callbacks run in the order they were armed.
import asyncio


def tick(n):
    print("tick", n)


async def main():
    loop = asyncio.get_running_loop()
    for n in range(8):
        loop.call_later(0.2, tick, n)
    await asyncio.sleep(0.5)
    print("done")


asyncio.run(main())
