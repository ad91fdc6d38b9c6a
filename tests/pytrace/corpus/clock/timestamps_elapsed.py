# A timing decorator in the manner of a book's async_timed helper.
# corpus: mask=elapsed
import asyncio
import functools
import time


def async_timed(func):
    @functools.wraps(func)
    async def wrapped(*args):
        print(f"starting {func.__name__} with args {args}")
        start = time.time()
        try:
            return await func(*args)
        finally:
            print(f"finished {func.__name__} in {time.time() - start:.4f} second(s)")
    return wrapped


@async_timed
async def delay(seconds):
    await asyncio.sleep(seconds)
    return seconds


@async_timed
async def main():
    t1 = asyncio.create_task(delay(0.5))
    t2 = asyncio.create_task(delay(0.3))
    await t1
    await t2


asyncio.run(main())
