# Several children started at once and awaited together; results in start order.
import asyncio
import sys


async def child(n):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", f"import time; time.sleep({n / 10}); print({n} * {n})",
        stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    print(f"child {n} finished")
    return int(out)


async def main():
    results = await asyncio.gather(*(child(n) for n in (9, 1, 18)))
    print("squares:", results)


asyncio.run(main())
