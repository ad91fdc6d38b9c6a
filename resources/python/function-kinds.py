import asyncio, types
def function():
    return 1
def generator():
    yield 2
async def async_function():
    return 3
async def async_generator():
    yield 4
print(type(function()).__name__)
g = generator()
print(type(g).__name__, next(g))
c = async_function()
print(type(c).__name__)
c.close()
ag = async_generator()
print(type(ag).__name__)
async def main():
    print(await async_function())
    async for v in async_generator():
        print(v)
asyncio.run(main())
