# create_subprocess_shell, as in the asyncio subprocess docs, on a few shell commands.
import asyncio


async def run(cmd):
    proc = await asyncio.create_subprocess_shell(
        cmd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    stdout, stderr = await proc.communicate()
    print(f"[{cmd!r} exited with {proc.returncode}]")
    if stdout:
        print(f"[stdout]\n{stdout.decode()}")
    if stderr:
        print(f"[stderr]\n{stderr.decode()}")


async def main():
    await run("echo one; echo two")
    await run("ls /definitely/not/here")
    await asyncio.gather(run("sleep 0.3; echo slow"), run("echo fast"))


asyncio.run(main())
