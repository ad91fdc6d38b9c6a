# Async comprehensions: list, set, dict and a filtered one, over an async generator.
import asyncio


async def numbers(n):
    for i in range(n):
        await asyncio.sleep(0.01)
        yield i


async def square(x):
    await asyncio.sleep(0)
    return x * x


async def main():
    print([i async for i in numbers(5)])
    print(sorted({i % 3 async for i in numbers(7)}))
    print({i: await square(i) async for i in numbers(4)})
    print([await square(i) for i in range(4)])
    print([i async for i in numbers(10) if i % 4 == 0])


asyncio.run(main())
