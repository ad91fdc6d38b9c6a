# wait_for's timeout and the sleep it guards are due at the same nominal instant; the sleep was
# armed after the timeout, so the timeout fires first and the job is cancelled.
import asyncio


async def job():
    try:
        await asyncio.sleep(1)
        print("job finished")
        return "ok"
    except asyncio.CancelledError:
        print("job cancelled")
        raise


async def main():
    try:
        print(await asyncio.wait_for(job(), timeout=1))
    except asyncio.TimeoutError:
        print("timed out")


asyncio.run(main())
