# loop.time() and call_at: a schedule relative to the loop's own clock.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    done = loop.create_future()

    def at(label):
        print(f"{label} at +{loop.time() - start:.1f} s")
        if label == "last":
            done.set_result(None)

    loop.call_at(start + 0.3, at, "second")
    loop.call_at(start + 0.1, at, "first")
    loop.call_at(start + 0.6, at, "last")
    await done


asyncio.run(main())
