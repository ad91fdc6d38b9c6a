import asyncio
async def child(name):
    print(f"{name} start")
    await asyncio.sleep(1)
    print(f"{name} end")
async def main():
    print("await coroutine:")
    await child("c1")
    await child("c2")
    print("await tasks:")
    t1 = asyncio.create_task(child("t1"))
    t2 = asyncio.create_task(child("t2"))
    print("tasks created")
    await t1
    await t2
    print("done")
asyncio.run(main())
