# A task that catches CancelledError and returns: cancel() was only a request.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: ignoring the cancellation")
        await asyncio.sleep(0.1)
        return "finished anyway"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    print("cancel() returned", t.cancel())
    print(await t)
    print("cancelled():", t.cancelled(), "cancelling():", t.cancelling())


asyncio.run(main())
