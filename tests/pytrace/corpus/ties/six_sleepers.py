# Six tasks created in a loop, each sleeping the same 0.5 s: they finish in creation order.
import asyncio


async def sleeper(tag):
    await asyncio.sleep(0.5)
    print(tag, end=" ")


async def main():
    tasks = [asyncio.create_task(sleeper(c)) for c in "abcdef"]
    await asyncio.wait(tasks)
    print()


asyncio.run(main())
