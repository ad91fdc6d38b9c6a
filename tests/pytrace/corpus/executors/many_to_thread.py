# Several blocking calls sent to threads with to_thread and gathered.
import asyncio
import time


def read_sensor(n):
    time.sleep(0.1 * n)
    return n * 1.5


async def main():
    values = await asyncio.gather(*(asyncio.to_thread(read_sensor, n) for n in (3, 1, 2)))
    print("readings:", values)
    print("max:", max(values))


asyncio.run(main())
