import asyncio
class Ticker:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(0.1)
        self.i += 1
        return self.i
async def squares(n):
    for i in range(1, n + 1):
        await asyncio.sleep(0.15)
        yield i * i
async def consume_ticker():
    async for t in Ticker(3):
        print(f"tick {t}")
async def consume_squares():
    async for s in squares(3):
        print(f"square {s}")
async def main():
    await asyncio.gather(consume_ticker(), consume_squares())
asyncio.run(main())
