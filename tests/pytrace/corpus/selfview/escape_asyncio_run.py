# An exception raised in a coroutine escapes asyncio.run: the traceback python3 prints.
import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.1)
    if user_id < 0:
        raise ValueError(f"invalid user id: {user_id}")
    return {"id": user_id}


async def main():
    print(await fetch_user(1))
    print(await fetch_user(-5))


asyncio.run(main())
