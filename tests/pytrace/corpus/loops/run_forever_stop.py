# The low-level style: callbacks on a loop that runs forever until one of them stops it.
import asyncio


def hello_world(loop):
    print("Hello World")
    loop.call_later(0.2, goodbye, loop)


def goodbye(loop):
    print("Goodbye")
    loop.stop()


loop = asyncio.new_event_loop()
loop.call_soon(hello_world, loop)
try:
    loop.run_forever()
finally:
    loop.close()
print("loop closed")
