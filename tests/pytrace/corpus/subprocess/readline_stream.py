# Reading a child's output line by line as it comes.
import asyncio
import sys

CHILD = """
import time
for i in range(4):
    print(f"line {i}", flush=True)
    time.sleep(0.1)
"""


async def main():
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE)
    while True:
        line = await proc.stdout.readline()
        if not line:
            break
        print("got:", line.decode().rstrip())
    code = await proc.wait()
    print("child exit code", code)


asyncio.run(main())
