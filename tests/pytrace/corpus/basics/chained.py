# Chained coroutines: each part feeds the next (an async IO tutorial's chained.py, fixed delays
# instead of random ones so that the order is the same every run).
import asyncio

DELAYS = {1: (0.4, 0.1), 2: (0.2, 0.5), 3: (0.7, 0.3)}


async def part1(n):
    d = DELAYS[n][0]
    print(f"part1({n}) sleeping for {d} seconds.")
    await asyncio.sleep(d)
    result = f"result{n}-1"
    print(f"Returning part1({n}) == {result}.")
    return result


async def part2(n, arg):
    d = DELAYS[n][1]
    print(f"part2{n, arg} sleeping for {d} seconds.")
    await asyncio.sleep(d)
    result = f"result{n}-2 derived from {arg}"
    print(f"Returning part2{n, arg} == {result}.")
    return result


async def chain(n):
    p1 = await part1(n)
    p2 = await part2(n, p1)
    print(f"-->Chained result{n} => {p2}.")


async def main(*args):
    await asyncio.gather(*(chain(n) for n in args))


if __name__ == "__main__":
    asyncio.run(main(1, 2, 3))
    print("Program finished.")
