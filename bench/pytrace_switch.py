"""The switch workload of coroscope-bench, as a script to trace: N tasks gathered by main, each
doing M `await asyncio.sleep(0)`. Prints the thread CPU time the workload took, in ns per switch.
coroscope-bench runs it plainly and under the tracer in the same run (pytrace_overhead).

    python3 pytrace_switch.py N M [thread]

With `thread`, another thread is alive (idle) during the workload: the tracer records on its locked
path, as whenever a script's threads run (pytrace_locked_overhead).
"""
import asyncio
import sys
import threading
import time


async def switcher(m):
    for _ in range(m):
        await asyncio.sleep(0)


async def main(n, m):
    await asyncio.gather(*(switcher(m) for _ in range(n)))


n, m = (int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (1000, 100)
idle = threading.Event()
if sys.argv[3:] == ["thread"]:
    threading.Thread(target=idle.wait).start()
t0 = time.thread_time_ns()
asyncio.run(main(n, m))
print(f"{(time.thread_time_ns() - t0) / (n * m):.1f}")
idle.set()
