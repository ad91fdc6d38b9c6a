# Printing the loop and the running task, as people do while learning.
# corpus: mask=addr
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(loop)
    print(type(loop).__name__)
    print("running:", loop.is_running(), "closed:", loop.is_closed())
    print(asyncio.current_task())


asyncio.run(main())
