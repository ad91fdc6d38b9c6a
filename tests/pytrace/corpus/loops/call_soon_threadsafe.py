# A worker thread hands results to the loop with call_soon_threadsafe and run_coroutine_threadsafe.
import asyncio
import threading
import time


def worker(loop, fut, results):
    time.sleep(0.2)
    loop.call_soon_threadsafe(fut.set_result, "from the thread")
    cf = asyncio.run_coroutine_threadsafe(double(21), loop)
    results.append(cf.result(timeout=5))


async def double(x):
    await asyncio.sleep(0.1)
    return 2 * x


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    results = []
    t = threading.Thread(target=worker, args=(loop, fut, results))
    t.start()
    print(await fut)
    await asyncio.sleep(0.3)
    t.join()
    print("thread got", results)


asyncio.run(main())
