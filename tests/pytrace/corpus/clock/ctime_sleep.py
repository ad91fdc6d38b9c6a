# time.ctime() and time.time() before and after sleeping in a coroutine.
# corpus: mask=time
import asyncio
import time


async def main():
    first = time.ctime()
    print("now:", first)
    a = time.time()
    await asyncio.sleep(1.5)
    b = time.time()
    print("now:", time.ctime())
    print("ctime changed:", time.ctime() != first)
    print("time.time() moved by", round(b - a, 1))
    print("ctime of a + 1.5 equals ctime of b:", time.ctime(a + 1.5) == time.ctime(b) or time.ctime(a + 1.6) == time.ctime(b))


asyncio.run(main())
