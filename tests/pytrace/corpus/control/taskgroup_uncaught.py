# An ExceptionGroup from a TaskGroup that nobody catches: python3's grouped traceback.
# Two tasks fail in their first step (the same loop iteration); a third, sleeping, is cancelled.
import asyncio


async def boom(msg):
    raise RuntimeError(msg)


async def sleeper():
    try:
        await asyncio.sleep(1)
    finally:
        print("sleeper cancelled")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(sleeper())
        tg.create_task(boom("first"))
        tg.create_task(boom("second"))


asyncio.run(main())
