# Queue.get with a timeout: wait_for around get() when nobody produces.
import asyncio


async def main():
    q = asyncio.Queue()
    asyncio.get_running_loop().call_later(0.2, q.put_nowait, "late item")
    for attempt in range(3):
        try:
            item = await asyncio.wait_for(q.get(), timeout=0.15)
            print(f"attempt {attempt}: got {item!r}")
        except asyncio.TimeoutError:
            print(f"attempt {attempt}: nothing yet")


asyncio.run(main())
