# The pre-3.7 style: get_event_loop() at module level, then run_until_complete.
import asyncio


async def greet(name):
    await asyncio.sleep(0.1)
    return f"hi {name}"


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(greet("Ada")))
print(loop.run_until_complete(asyncio.gather(greet("Bob"), greet("Cy"))))
loop.close()
print("closed:", loop.is_closed())
