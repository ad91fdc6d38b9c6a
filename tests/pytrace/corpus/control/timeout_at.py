# asyncio.timeout_at with a deadline on the loop's clock, shared by several steps.
import asyncio


async def step(n):
    await asyncio.sleep(0.2)
    print(f"step {n} done")


async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 0.5
    try:
        async with asyncio.timeout_at(deadline):
            for n in range(5):
                await step(n)
    except TimeoutError:
        print("ran out of time during the steps")
    print("expired before its time?", loop.time() < deadline)


asyncio.run(main())
