# run_until_complete on futures and coroutines, and a callback that completes a future.
import asyncio


async def slow_operation(future):
    await asyncio.sleep(0.3)
    future.set_result("Future is done!")


loop = asyncio.new_event_loop()
future = loop.create_future()
loop.create_task(slow_operation(future))
print(loop.run_until_complete(future))
later = loop.create_future()
loop.call_later(0.2, later.set_result, 42)
print("the answer:", loop.run_until_complete(later))
loop.close()
