"""The scheduler workload of coroscope-bench in CPython's asyncio: N tasks gathered by main, each
doing M `await asyncio.sleep(0)`. Prints the best ns per switch (thread CPU time, interpreter
start-up excluded) over REPS runs.

    python3 asyncio_switch.py N M REPS
"""
import asyncio
import sys
import time


async def switcher(m):
    for _ in range(m):
        await asyncio.sleep(0)


async def main(n, m):
    await asyncio.gather(*(switcher(m) for _ in range(n)))


def run_once(n, m):
    t0 = time.thread_time_ns()
    asyncio.run(main(n, m))
    return (time.thread_time_ns() - t0) / (n * m)


if __name__ == "__main__":
    n, m, reps = (int(a) for a in sys.argv[1:4])
    print(f"{min(run_once(n, m) for _ in range(reps)):.1f}")
