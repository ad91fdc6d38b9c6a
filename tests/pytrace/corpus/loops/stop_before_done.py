# loop.stop() from a callback while run_until_complete waits: RuntimeError, as the docs warn.
import asyncio


async def forever():
    await asyncio.sleep(10)


loop = asyncio.new_event_loop()
loop.call_later(0.2, loop.stop)
task = loop.create_task(forever())
try:
    loop.run_until_complete(task)
except RuntimeError as e:
    print("RuntimeError:", e)
task.cancel()
try:
    loop.run_until_complete(task)
except asyncio.CancelledError:
    print("task cancelled")
loop.close()
