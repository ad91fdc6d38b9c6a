# A task fails and nobody retrieves its exception: asyncio logs it when the task is collected.
import asyncio
import gc


async def fail():
    raise KeyError("missing")


async def main():
    asyncio.create_task(fail())
    await asyncio.sleep(0.1)
    gc.collect()
    print("main continues")


asyncio.run(main())
print("after asyncio.run")
