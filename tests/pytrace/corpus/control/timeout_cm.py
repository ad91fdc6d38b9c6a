# asyncio.timeout() (Python 3.11) as a context manager, rescheduled once.
import asyncio


async def long_running():
    await asyncio.sleep(2)
    return "done"


async def main():
    try:
        async with asyncio.timeout(0.3):
            await long_running()
    except TimeoutError:
        print("the long operation timed out, but we've handled it.")
    async with asyncio.timeout(None) as cm:
        loop = asyncio.get_running_loop()
        cm.reschedule(loop.time() + 3)
        print(await long_running())
    print("This statement will run regardless.")


asyncio.run(main())
