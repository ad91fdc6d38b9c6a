# One server, several clients connecting one after another; the server counts lines.
import asyncio

served = 0


async def handle(reader, writer):
    global served
    lines = 0
    while line := await reader.readline():
        lines += 1
        writer.write(f"ack {line.decode().strip()}\n".encode())
        await writer.drain()
    served += 1
    writer.close()


async def client(port, name, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for i in range(n):
        writer.write(f"{name}-{i}\n".encode())
        print(await reader.readline())
    writer.write_eof()
    await reader.read()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    for name, n in (("alpha", 2), ("beta", 3), ("gamma", 1)):
        await client(port, name, n)
    server.close()
    await server.wait_closed()
    print("connections served:", served)


asyncio.run(main())
