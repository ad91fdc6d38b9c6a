# create_subprocess_exec with pipes and communicate().
import asyncio
import sys


async def run(code, stdin_text):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", code,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    stdout, stderr = await proc.communicate(stdin_text.encode())
    print(f"exited with {proc.returncode}")
    if stdout:
        print(f"[stdout]\n{stdout.decode()}", end="")
    if stderr:
        print(f"[stderr]\n{stderr.decode()}", end="")


asyncio.run(run("import sys; print(sys.stdin.read().upper())", "shout this\n"))
asyncio.run(run("import sys; sys.exit('went wrong')", ""))
