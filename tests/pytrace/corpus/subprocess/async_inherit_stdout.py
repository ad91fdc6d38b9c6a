# An asyncio child with stdout inherited: its lines land between the coroutine's prints.
import asyncio


async def main():
    print("starting child")
    proc = await asyncio.create_subprocess_exec("printf", "child line 1\\nchild line 2\\n")
    await proc.wait()
    print("child done with", proc.returncode)
    proc = await asyncio.create_subprocess_shell("echo shell says hi >&2")
    await proc.wait()
    print("second child done")


asyncio.run(main())
