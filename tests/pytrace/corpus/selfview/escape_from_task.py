# A task fails; awaiting it re-raises the error in main, which lets it escape.
import asyncio


async def divide(a, b):
    await asyncio.sleep(0.1)
    return a / b


async def main():
    task = asyncio.create_task(divide(1, 0))
    print("waiting for the division")
    result = await task
    print("result", result)


asyncio.run(main())
