# async with: a class with __aenter__/__aexit__ and an @asynccontextmanager function.
import asyncio
from contextlib import asynccontextmanager


class Connection:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0.05)
        print(f"open {self.name}")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.05)
        print(f"close {self.name} ({exc_type.__name__ if exc_type else 'no error'})")
        return exc_type is KeyError


@asynccontextmanager
async def transaction(conn):
    print("begin")
    try:
        yield conn
        print("commit")
    except Exception:
        print("rollback")
        raise


async def main():
    async with Connection("db") as conn:
        async with transaction(conn):
            print("working")
    async with Connection("cache"):
        raise KeyError("swallowed by __aexit__")
    try:
        async with Connection("db2") as conn:
            async with transaction(conn):
                raise ValueError("bad row")
    except ValueError as e:
        print("caught", e)


asyncio.run(main())
