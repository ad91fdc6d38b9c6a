# print from a done callback, a call_soon callback and a thread, all in order.
import asyncio
import threading


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("done callback sees", f.result()))
    loop.call_soon(print, "call_soon prints")
    await asyncio.sleep(0)
    fut.set_result("value")
    await asyncio.sleep(0)
    t = threading.Thread(target=print, args=("a thread prints",))
    t.start()
    t.join()
    print("main ends")


asyncio.run(main())
