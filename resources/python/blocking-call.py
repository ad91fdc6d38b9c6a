import asyncio, time
async def heartbeat():
    for i in range(3):
        print(f"beat {i}")
        await asyncio.sleep(0.1)
async def polite():
    print("polite: waiting")
    await asyncio.sleep(0.25)
    print("polite: done")
async def rude():
    print("rude: blocking")
    time.sleep(0.25)
    print("rude: done")
async def main():
    print("-- non-blocking --")
    await asyncio.gather(heartbeat(), polite())
    print("-- blocking --")
    await asyncio.gather(heartbeat(), rude())
asyncio.run(main())
