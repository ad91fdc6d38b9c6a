# datetime.now() around a sleep, as a log line would print it.
# corpus: mask=time
import asyncio
from datetime import datetime


async def main():
    start = datetime.now()
    print("started at", start.strftime("%H:%M:%S"))
    await asyncio.sleep(2)
    end = datetime.now()
    print("finished at", end.strftime("%H:%M:%S"))
    print("elapsed whole seconds:", (end - start).seconds)


asyncio.run(main())
