# A retry loop with a monotonic deadline: try every 0.2 s for at most 1 s.
import asyncio
import time

attempts = 0


async def flaky():
    global attempts
    attempts += 1
    return attempts >= 4


async def main():
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        if await flaky():
            print(f"succeeded on attempt {attempts}")
            break
        print(f"attempt {attempts} failed, retrying")
        await asyncio.sleep(0.2)
    else:
        print("gave up")


asyncio.run(main())
