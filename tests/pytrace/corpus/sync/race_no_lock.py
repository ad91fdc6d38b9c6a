# The same account without a lock: a lost update, every time.
import asyncio

balance = 100


async def deposit(amount):
    global balance
    current = balance
    await asyncio.sleep(0.1)
    balance = current + amount


async def main():
    await asyncio.gather(deposit(10), deposit(20), deposit(30))
    print("expected 160, got", balance)


asyncio.run(main())
