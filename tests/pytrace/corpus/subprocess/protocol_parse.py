# A SubprocessProtocol collects the child's output and parses it in process_exited,
# like the df example people copy (here the child prints a fixed table).
import asyncio
import sys

TABLE = "Filesystem 1K-blocks Used\\n/dev/sda1 1000 250\\n/dev/sdb1 4000 3000\\n"


class TableProtocol(asyncio.SubprocessProtocol):
    def __init__(self, exit_future):
        self.exit_future = exit_future
        self.output = bytearray()

    def pipe_data_received(self, fd, data):
        self.output.extend(data)

    def process_exited(self):
        lines = self.output.decode().splitlines()
        print(f"{len(lines) - 1} filesystems")
        for line in lines[1:]:
            name, total, used = line.split()
            print(f"{name}: {100 * int(used) // int(total)}% used")
        self.exit_future.set_result(True)


async def main():
    loop = asyncio.get_running_loop()
    exit_future = loop.create_future()
    transport, protocol = await loop.subprocess_exec(
        lambda: TableProtocol(exit_future),
        sys.executable, "-c", f"print('{TABLE}', end='')",
        stdin=None, stderr=None)
    await exit_future
    transport.close()


asyncio.run(main())
