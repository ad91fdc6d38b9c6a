import asyncio
class Connection:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print(f"{self.name}: connecting")
        await asyncio.sleep(0.1)
        print(f"{self.name}: connected")
        return self
    async def __aexit__(self, exc_type, exc, tb):
        print(f"{self.name}: closing")
        await asyncio.sleep(0.1)
        print(f"{self.name}: closed")
        return False
async def use(name, work):
    async with Connection(name) as conn:
        print(f"{conn.name}: working")
        await asyncio.sleep(work)
async def main():
    await asyncio.gather(use("db", 0.3), use("cache", 0.1))
asyncio.run(main())
