# loop.add_signal_handler: the script sends itself SIGUSR1 and SIGTERM.
import asyncio
import functools
import os
import signal


def ask_exit(signame, loop, stop):
    print(f"got signal {signame}: exit")
    stop.set_result(None)


def on_usr1():
    print("got SIGUSR1: still running")


async def main():
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGUSR1, on_usr1)
    for signame in ("SIGINT", "SIGTERM"):
        loop.add_signal_handler(getattr(signal, signame), functools.partial(ask_exit, signame, loop, stop))
    loop.call_later(0.1, os.kill, os.getpid(), signal.SIGUSR1)
    loop.call_later(0.3, os.kill, os.getpid(), signal.SIGTERM)
    print("waiting for signals")
    await stop
    print("stopped cleanly")


asyncio.run(main())
