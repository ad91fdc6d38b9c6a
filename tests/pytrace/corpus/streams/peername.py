# What the server sees of the client: the peer address (its port varies from run to run).
# corpus: mask=port
import asyncio


async def handle(reader, writer):
    addr = writer.get_extra_info("peername")
    print(f"connection from {addr!r}")
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()
    print(f"serving on {host}:{port}")
    reader, writer = await asyncio.open_connection(host, port)
    await reader.read()
    writer.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
