# A task is a future: done(), result(), add_done_callback.
import asyncio


def report(task):
    print("callback:", task.get_name(), "->", task.result())


async def compute(x):
    await asyncio.sleep(0.2)
    return x * x


async def main():
    task = asyncio.create_task(compute(7), name="square-7")
    task.add_done_callback(report)
    print("done yet?", task.done())
    value = await task
    print("done now?", task.done(), "value", value)
    await asyncio.sleep(0)
    print("end of main")


asyncio.run(main())
