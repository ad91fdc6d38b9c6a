# An event loop running forever in a background thread; the main thread submits coroutines.
import asyncio
import threading


async def greet(name):
    await asyncio.sleep(0.1)
    return f"hello {name}"


loop = asyncio.new_event_loop()
thread = threading.Thread(target=loop.run_forever, name="loop-thread")
thread.start()
for name in ("ada", "bob"):
    future = asyncio.run_coroutine_threadsafe(greet(name), loop)
    print(future.result())
loop.call_soon_threadsafe(loop.stop)
thread.join()
loop.close()
print("background loop stopped")
