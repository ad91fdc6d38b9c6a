import asyncio
async def fn(name, t):
    print(f'{name} start')
    await asyncio.sleep(t)
    return f"{name} finish ..."
async def main():
    print('main runing ...')
    tasks = [asyncio.create_task(fn('f1', 1), name='f1'),
             asyncio.create_task(fn('f2', 2), name='f2')]
    done, pending = await asyncio.wait(tasks)
    for t in sorted(done, key=lambda t: t.get_name()):
        print(t.get_name(), t.result())
asyncio.run(main())
