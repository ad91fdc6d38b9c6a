# Two countdowns with the same step: their lines alternate in the order the tasks started.
import asyncio


async def countdown(name, n):
    while n > 0:
        print(f"{name}: T-minus {n}")
        await asyncio.sleep(0.3)
        n -= 1
    print(f"{name}: liftoff")


async def main():
    a = asyncio.create_task(countdown("Apollo", 3))
    b = asyncio.create_task(countdown("Gemini", 3))
    await a
    await b


asyncio.run(main())
