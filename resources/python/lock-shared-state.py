import asyncio
balance = 0
async def unsafe_deposit(name, amount):
    global balance
    current = balance
    await asyncio.sleep(0.1)
    balance = current + amount
    print(f"{name}: {current} + {amount} = {balance}")
async def safe_deposit(name, amount, lock):
    global balance
    async with lock:
        current = balance
        await asyncio.sleep(0.1)
        balance = current + amount
        print(f"{name}: {current} + {amount} = {balance}")
async def main():
    global balance
    await asyncio.gather(unsafe_deposit("alice", 10), unsafe_deposit("bob", 20))
    print(f"without a lock: {balance}")
    balance = 0
    lock = asyncio.Lock()
    await asyncio.gather(safe_deposit("alice", 10, lock), safe_deposit("bob", 20, lock))
    print(f"with a lock: {balance}")
asyncio.run(main())
