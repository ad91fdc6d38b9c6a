# A bank account updated by concurrent coroutines: with a Lock the balance is right.
import asyncio

balance = 100
lock = asyncio.Lock()


async def withdraw(name, amount):
    global balance
    async with lock:
        current = balance
        print(f"{name} reads balance {current}")
        await asyncio.sleep(0.1)
        if current >= amount:
            balance = current - amount
            print(f"{name} withdrew {amount}, balance {balance}")
        else:
            print(f"{name} refused: insufficient funds")


async def main():
    await asyncio.gather(withdraw("alice", 60), withdraw("bob", 50), withdraw("carol", 30))
    print("final balance", balance)


asyncio.run(main())
