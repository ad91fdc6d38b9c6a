# A ContextVar carries a request id through nested calls of concurrent tasks.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


def log(msg):
    print(f"[{request_id.get()}] {msg}")


async def query_db():
    await asyncio.sleep(0.1)
    log("db query done")


async def handle(rid, delay):
    request_id.set(rid)
    await asyncio.sleep(delay)
    log("handling")
    await query_db()


async def main():
    log("main starts")
    await asyncio.gather(handle("req-1", 0.3), handle("req-2", 0.05))
    log("main ends")


asyncio.run(main())
