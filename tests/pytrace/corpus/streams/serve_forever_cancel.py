# serve_forever in a task, cancelled once the client is done.
import asyncio


async def handler(reader, writer):
    name = (await reader.readline()).decode().strip()
    writer.write(f"Hello, {name}!\n".encode())
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    serving = asyncio.create_task(server.serve_forever())
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"Grace\n")
    print((await reader.readline()).decode().strip())
    writer.close()
    serving.cancel()
    try:
        await serving
    except asyncio.CancelledError:
        print("server stopped")
    print("is serving:", server.is_serving())


asyncio.run(main())
