import asyncio
async def fn():
    print('fn start')
    await asyncio.sleep(2)
    print('fn end')
    return "fn over exit"
async def main():
    print('main runing ...')
    res = await fn()
    print(f'main finish... return {res} ')
asyncio.run(main())
