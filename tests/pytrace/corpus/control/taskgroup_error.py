# A failing task in a TaskGroup cancels its siblings; the ExceptionGroup is caught with except*.
import asyncio


async def worker(n):
    try:
        await asyncio.sleep(0.1 * n)
        if n == 2:
            raise ValueError("worker 2 broke")
        print(f"worker {n} ok")
    except asyncio.CancelledError:
        print(f"worker {n} cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            for n in range(1, 5):
                tg.create_task(worker(n))
    except* ValueError as eg:
        print("caught:", [str(e) for e in eg.exceptions])


asyncio.run(main())
