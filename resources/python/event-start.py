import asyncio
async def runner(name, start):
    print(f"{name} is ready")
    await start.wait()
    print(f"{name} runs")
    await asyncio.sleep(0.1)
    print(f"{name} finished")
async def main():
    start = asyncio.Event()
    runners = [asyncio.create_task(runner(n, start)) for n in ("ann", "ben", "cat")]
    await asyncio.sleep(1)
    print("ready, set, go!")
    start.set()
    await asyncio.gather(*runners)
asyncio.run(main())
