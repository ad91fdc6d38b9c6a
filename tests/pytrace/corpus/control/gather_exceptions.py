# gather(return_exceptions=True) collects failures as values.
import asyncio


async def check(n):
    await asyncio.sleep(0.1 * n)
    if n % 2:
        raise ValueError(f"odd number {n}")
    return n


async def main():
    results = await asyncio.gather(*(check(n) for n in range(5)), return_exceptions=True)
    for r in results:
        print(type(r).__name__, r)
    try:
        await asyncio.gather(check(2), check(1))
    except ValueError as e:
        print("without return_exceptions:", e)


asyncio.run(main())
