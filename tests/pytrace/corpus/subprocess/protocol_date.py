# The asyncio docs' pattern: read a child's output through a protocol, wait for exit, decode.
import asyncio
import sys


class DateProtocol(asyncio.SubprocessProtocol):
    def __init__(self, exit_future):
        self.exit_future = exit_future
        self.output = bytearray()
        self.pipe_closed = False
        self.exited = False

    def pipe_connection_lost(self, fd, exc):
        self.pipe_closed = True
        self.check_for_exit()

    def pipe_data_received(self, fd, data):
        self.output.extend(data)

    def process_exited(self):
        self.exited = True
        self.check_for_exit()

    def check_for_exit(self):
        if self.pipe_closed and self.exited:
            self.exit_future.set_result(True)


async def get_date():
    code = "import datetime; print(datetime.date(2024, 2, 29))"
    loop = asyncio.get_running_loop()
    exit_future = asyncio.Future(loop=loop)
    transport, protocol = await loop.subprocess_exec(
        lambda: DateProtocol(exit_future), sys.executable, "-c", code, stdin=None, stderr=None)
    await exit_future
    transport.close()
    return bytes(protocol.output).decode("ascii").rstrip()


date = asyncio.run(get_date())
print(f"Current date: {date}")
