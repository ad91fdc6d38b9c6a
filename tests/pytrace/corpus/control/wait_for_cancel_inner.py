# wait_for cancels the inner task on timeout and waits for its cleanup.
import asyncio


async def slow_operation():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("slow_operation: cleaning up")
        await asyncio.sleep(0.1)
        print("slow_operation: cleaned up")
        raise


async def main():
    try:
        await asyncio.wait_for(slow_operation(), timeout=0.2)
    except asyncio.TimeoutError:
        print("main: timed out after cleanup")


asyncio.run(main())
