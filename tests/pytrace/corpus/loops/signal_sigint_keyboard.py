# SIGINT with no handler of the script's own: asyncio.run turns it into KeyboardInterrupt.
import asyncio
import os
import signal


async def main():
    asyncio.get_running_loop().call_later(0.2, os.kill, os.getpid(), signal.SIGINT)
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("main was cancelled by Ctrl-C")
        raise


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("KeyboardInterrupt reached the script")
