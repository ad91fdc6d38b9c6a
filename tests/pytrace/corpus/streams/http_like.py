# A tiny HTTP/1.0 server on asyncio streams and a client that sends a GET, parsing the reply.
import asyncio


async def handle(reader, writer):
    request_line = (await reader.readline()).decode().strip()
    while (await reader.readline()).strip():
        pass  # skip the headers
    method, path, _ = request_line.split()
    body = f"you asked for {path}\n".encode()
    writer.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n")
    writer.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    await writer.drain()
    writer.close()


async def get(port, path):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
    status = (await reader.readline()).decode().strip()
    headers = {}
    while (line := (await reader.readline()).decode().strip()):
        key, value = line.split(": ", 1)
        headers[key] = value
    body = await reader.readexactly(int(headers["Content-Length"]))
    writer.close()
    await writer.wait_closed()
    return status, headers["Content-Type"], body.decode()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        for path in ("/", "/index.html", "/api/items?id=3"):
            print(await get(port, path))


asyncio.run(main())
