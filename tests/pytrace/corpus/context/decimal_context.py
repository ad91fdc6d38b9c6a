# decimal's context is a context variable: each task can compute with its own precision.
import asyncio
import decimal


async def compute(name, prec):
    with decimal.localcontext() as ctx:
        ctx.prec = prec
        await asyncio.sleep(0.1 * prec / 5)
        print(f"{name}: 1/7 = {decimal.Decimal(1) / decimal.Decimal(7)}")


async def main():
    await asyncio.gather(compute("short", 5), compute("long", 20), compute("medium", 10))
    print("outside:", decimal.Decimal(1) / decimal.Decimal(7))


asyncio.run(main())
