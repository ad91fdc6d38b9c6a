# A Task subclass through set_task_factory that reports each task's end.
import asyncio


class LoggedTask(asyncio.Task):
    def __init__(self, coro, *, loop=None, name=None, context=None):
        super().__init__(coro, loop=loop, name=name, context=context)
        self.add_done_callback(lambda t: print(f"[{t.get_name()}] finished"))


async def step(name, d):
    await asyncio.sleep(d)
    print(f"{name} ran")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(lambda loop, coro, **kw: LoggedTask(coro, loop=loop, **kw))
    await asyncio.gather(step("one", 0.4), step("two", 0.1))
    await asyncio.create_task(step("three", 0), name="third")


asyncio.run(main())
