# shield(): the outer wait is cancelled, the inner work carries on.
import asyncio


async def save_to_disk(results):
    await asyncio.sleep(0.5)
    results.append("saved")
    print("save finished")


async def main():
    results = []
    inner = asyncio.create_task(save_to_disk(results))
    try:
        await asyncio.wait_for(asyncio.shield(inner), timeout=0.2)
    except asyncio.TimeoutError:
        print("gave up waiting, but the save goes on")
    await inner
    print(results)


asyncio.run(main())
