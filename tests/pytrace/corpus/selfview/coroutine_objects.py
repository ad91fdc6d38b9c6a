# What a coroutine object is, before and after it runs.
# corpus: mask=addr
import asyncio
import inspect


async def add(a, b):
    await asyncio.sleep(0)
    return a + b


coro = add(1, 2)
print(type(coro).__name__, inspect.iscoroutine(coro))
print(inspect.getcoroutinestate(coro))
print(coro)
print(asyncio.run(coro))
print(inspect.getcoroutinestate(coro))
print(asyncio.iscoroutinefunction(add), inspect.iscoroutinefunction(add))
