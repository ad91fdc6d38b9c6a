import asyncio
async def task1():
    print("1-start")
    await asyncio.sleep(2)
    print("1-end")
async def task2():
    print("2-start")
    await asyncio.sleep(1)
    print("2-end")
async def main():
    await asyncio.gather(task1(), task2())
asyncio.run(main())
