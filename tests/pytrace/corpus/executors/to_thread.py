# asyncio.to_thread runs a blocking function while the loop keeps going.
# corpus: mask=time
import asyncio
import time


def blocking_io():
    print(f"start blocking_io at {time.strftime('%X')}")
    time.sleep(1)
    print(f"blocking_io complete at {time.strftime('%X')}")


async def main():
    print(f"started main at {time.strftime('%X')}")
    t0 = time.monotonic()
    await asyncio.gather(asyncio.to_thread(blocking_io), asyncio.sleep(0.5))
    print(f"finished main at {time.strftime('%X')}")
    print(f"about {round(time.monotonic() - t0)} s in all")


asyncio.run(main())
