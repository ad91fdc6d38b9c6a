# sys.exit inside a coroutine ends asyncio.run and the script with that code.
import asyncio
import sys


async def main():
    print("main starts")
    await asyncio.sleep(0.1)
    print("main exits with 4")
    sys.exit(4)


asyncio.run(main())
print("not reached")
