# to_thread carries the context into the worker thread; a plain Thread starts empty.
import asyncio
import contextvars
import threading

tenant = contextvars.ContextVar("tenant", default="none")


def report(where):
    print(f"{where}: tenant={tenant.get()}")


async def main():
    tenant.set("acme")
    await asyncio.to_thread(report, "to_thread")
    t = threading.Thread(target=report, args=("threading.Thread",))
    t.start()
    t.join()
    report("main")


asyncio.run(main())
