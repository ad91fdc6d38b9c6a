# asyncio.Event: waiters block until someone sets it.
import asyncio


async def waiter(event, name):
    print(f"{name} waiting for the event")
    await event.wait()
    print(f"{name} saw the event")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, f"w{i}")) for i in range(3)]
    await asyncio.sleep(0.5)
    print("setting the event")
    event.set()
    await asyncio.gather(*tasks)
    print("is_set:", event.is_set())


asyncio.run(main())
