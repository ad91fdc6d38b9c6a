# Breaking out of async for: the generator is closed with aclose() and its finally runs.
import asyncio
from contextlib import aclosing


async def lines():
    try:
        for i in range(100):
            await asyncio.sleep(0.01)
            yield f"line {i}"
    finally:
        print("lines(): cleanup")


async def main():
    async with aclosing(lines()) as gen:
        async for line in gen:
            print(line)
            if line.endswith("2"):
                break
    print("after the loop")
    agen = lines()
    print(await agen.__anext__())
    await agen.aclose()
    print("closed by hand")


asyncio.run(main())
