# call_soon with an explicit context; tasks copy the context when they are created.
import asyncio
import contextvars

user = contextvars.ContextVar("user", default="anonymous")


def callback(tag):
    print(f"{tag}: user={user.get()}")


async def child():
    await asyncio.sleep(0.05)
    callback("child task")
    user.set("changed in child")


async def main():
    user.set("alice")
    loop = asyncio.get_running_loop()
    ctx = contextvars.copy_context()
    user.set("bob")
    loop.call_soon(callback, "call_soon, copied context", context=ctx)
    loop.call_soon(callback, "call_soon, current context")
    await asyncio.create_task(child())
    callback("main after child")


asyncio.run(main())
