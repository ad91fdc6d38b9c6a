# A custom loop exception handler sees errors from callbacks.
import asyncio


def handler(loop, context):
    print("handler got:", context["message"], "|", repr(context.get("exception")))


def bad_callback():
    raise ZeroDivisionError("from a callback")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    loop.call_soon(bad_callback)
    await asyncio.sleep(0.1)
    print("main still running")


asyncio.run(main())
