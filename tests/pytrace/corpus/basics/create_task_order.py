# Homework: predict the order. Tasks start only when main() awaits.
import asyncio


async def worker(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} end")
    return name.upper()


async def main():
    t1 = asyncio.create_task(worker("a", 0.3))
    t2 = asyncio.create_task(worker("b", 0.1))
    print("tasks created")
    r2 = await t2
    print("got", r2)
    r1 = await t1
    print("got", r1)


asyncio.run(main())
