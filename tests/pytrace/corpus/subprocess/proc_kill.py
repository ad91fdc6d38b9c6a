# Killing a child that would run too long, with wait_for around wait().
import asyncio


async def main():
    proc = await asyncio.create_subprocess_exec("sleep", "10")
    try:
        await asyncio.wait_for(proc.wait(), timeout=0.3)
    except asyncio.TimeoutError:
        print("child too slow, killing it")
        proc.kill()
        code = await proc.wait()
        print("child return code", code)


asyncio.run(main())
